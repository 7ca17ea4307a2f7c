import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROLES, type Role } from '../../src/access/principal.js';
import { createToken } from '../../src/app/accounts.js';
import type { CaseView } from '../../src/app/cases.js';
import { ENGINES } from '../support/engines.js';
import { problemOf, startHarness, type Harness } from './harness.js';

/*
 * Case files' role × endpoint matrix (issue 20 item 7, "the role × endpoint matrix extended"):
 * every role, the public, and principals scoped elsewhere, against every /api/v1/cases and
 * /api/v1/officials endpoint — as the OpenAPI document lists them, so that a new endpoint cannot
 * slip past. The expected table is written out here, independently of src/access/policy.ts:
 * procurators keep the files of their regions (another region's case is a 404, read or written);
 * judges read the cases before the courts of their regions and the register; the monitor and the
 * statistician get counts only; no facility role, no administrator, no complaints officer, no kiosk
 * reaches anything of a case file or the register of officials.
 */

type Caller = Role | 'public' | 'procurator@KZ-75' | 'judge@KZ-71' | 'judge@KZ-75' | 'monitor@KZ-75';
const ELSEWHERE = ['procurator@KZ-75', 'judge@KZ-71', 'judge@KZ-75', 'monitor@KZ-75'] as const;
const CALLERS: Caller[] = [...ROLES, 'public', ...ELSEWHERE];

const PROCURATORS: Caller[] = ['procurator', 'procurator@KZ-75'];
const JUDGES: Caller[] = ['judge', 'judge@KZ-71', 'judge@KZ-75'];
const only = (callers: Caller[], status: number): Partial<Record<Caller, number>> =>
  Object.fromEntries(callers.map((caller) => [caller, status]));

/** A write to the case (in KZ-71): the national procurator's answer; another region's procurator gets 404. */
const caseWrite = (status: number): Partial<Record<Caller, number>> => ({
  procurator: status,
  'procurator@KZ-75': 404,
});

const ASTANA_COURT = { name: 'Есильский районный суд г. Астаны', region: 'KZ-71' };
const today = () => new Date().toISOString().slice(0, 10);
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

interface Fixture {
  caseId: string;
  /** Identified, charged and sent to an Astana court. */
  defendant: string;
  /** Identified and charged, not yet before a court. */
  charged: string;
  /** In the register, in no case: the matrix identifies them. */
  spare: string;
  victimId: string;
  redressId: string;
  decisionId: string;
}

interface Endpoint {
  body?: (f: Fixture, caller: Caller) => unknown;
  /** Status for each caller that passes the policy; everyone else gets 403, the public 401. */
  allowed: Partial<Record<Caller, number>>;
}

let numbers = 0;

/** Every /api/v1/cases and /api/v1/officials endpoint, in the order the matrix calls them. */
const MATRIX: Record<string, Endpoint> = {
  'GET /api/v1/officials': { allowed: only([...PROCURATORS, ...JUDGES], 200) },
  'POST /api/v1/officials': {
    body: () => ({ name: 'Новиков Пётр', position: 'инспектор', agency: 'penitentiary', region: 'KZ-71' }),
    allowed: only(PROCURATORS, 201),
  },
  'GET /api/v1/officials/{officialId}': { allowed: only([...PROCURATORS, ...JUDGES], 200) },
  'POST /api/v1/officials/{officialId}/changes': {
    body: () => ({
      name: 'Исмаилов Руслан',
      position: 'старший инспектор',
      agency: 'penitentiary',
      region: 'KZ-71',
      reason: 'Повышение',
    }),
    allowed: only(PROCURATORS, 200),
  },
  'GET /api/v1/cases': { allowed: only([...PROCURATORS, ...JUDGES], 200) },
  'GET /api/v1/cases/statistics': {
    allowed: only([...PROCURATORS, ...JUDGES, 'monitor', 'monitor@KZ-75', 'statistician'], 200),
  },
  'POST /api/v1/cases': {
    body: () => ({
      number: `26150003199${String(++numbers).padStart(4, '0')}`,
      article: '146 ч. 1',
      openedOn: today(),
      investigatingBody: 'Прокуратура г. Астаны',
      region: 'KZ-71',
      exOfficioBasis: 'Рапорт',
    }),
    // Another region's procurator cannot open a case in Astana.
    allowed: { procurator: 201, 'procurator@KZ-75': 422 },
  },
  'GET /api/v1/cases/{caseId}': {
    allowed: { procurator: 200, 'procurator@KZ-75': 404, judge: 200, 'judge@KZ-71': 200, 'judge@KZ-75': 404 },
  },
  'POST /api/v1/cases/{caseId}/allegations': {
    body: () => ({ source: { kind: 'complaint', reference: 'AAAA-BBBB-CCCC' }, joinedOn: today() }),
    // No such allegation: refused naming kz.torture.referral.
    allowed: caseWrite(422),
  },
  'POST /api/v1/cases/{caseId}/suspects': {
    body: (f) => ({ officialId: f.spare, identifiedAt: hoursAgo(1) }),
    allowed: caseWrite(200),
  },
  'POST /api/v1/cases/{caseId}/update': {
    body: () => ({ tags: ['matrix'], reason: 'Отчётность' }),
    allowed: caseWrite(200),
  },
  'POST /api/v1/cases/{caseId}/victims': {
    body: () => ({ name: 'Потерпевший М.', recognisedOn: today() }),
    allowed: caseWrite(200),
  },
  'POST /api/v1/cases/{caseId}/documents': {
    body: () => ({
      kind: 'expert-report',
      title: 'Заключение эксперта',
      dated: today(),
      submittedBy: 'expert',
      digest: { sha256: 'e'.repeat(64), size: 2048, mediaType: 'application/pdf' },
    }),
    allowed: caseWrite(200),
  },
  'POST /api/v1/cases/{caseId}/redress': {
    body: (f) => ({
      victimId: f.victimId,
      by: 'victims-fund',
      category: 'torture-victim',
      purpose: 'rehabilitation',
      amountKzt: 100_000,
      decidedOn: today(),
    }),
    allowed: caseWrite(200),
  },
  'POST /api/v1/cases/{caseId}/redress/{redressId}/payments': {
    body: () => ({ amountKzt: 1_000, paidOn: today() }),
    allowed: caseWrite(200),
  },
  'POST /api/v1/cases/{caseId}/rehabilitation': {
    body: (f) => ({ victimId: f.victimId, measure: 'medical', description: 'Лечение', providedOn: today() }),
    allowed: caseWrite(200),
  },
  'POST /api/v1/cases/{caseId}/evidence-exclusions': {
    body: () => ({ description: 'Протокол допроса', by: 'court', excludedOn: today() }),
    allowed: caseWrite(200),
  },
  'POST /api/v1/cases/{caseId}/nullities': {
    body: (f) => ({
      documentIds: [f.decisionId],
      basis: 'Пытки установлены',
      by: 'court',
      voidedOn: today(),
    }),
    allowed: caseWrite(200),
  },
  'POST /api/v1/cases/{caseId}/discontinuations': {
    body: (f) => ({
      officialId: f.spare,
      ground: 'no-elements',
      reason: 'Нет состава',
      discontinuedOn: today(),
    }),
    allowed: caseWrite(200),
  },
  'POST /api/v1/cases/{caseId}/resumptions': {
    body: (f) => ({ officialId: f.spare, by: 'procurator', reason: 'Отменено', resumedOn: today() }),
    allowed: caseWrite(200),
  },
  'POST /api/v1/cases/{caseId}/court-referrals': {
    body: (f) => ({ officialIds: [f.charged], court: ASTANA_COURT, sentOn: today() }),
    allowed: caseWrite(200),
  },
  'POST /api/v1/cases/{caseId}/defendants/{officialId}/suspension': {
    body: () => ({ suspendedAt: hoursAgo(0.5), orderedBy: 'Начальник ДП' }),
    allowed: caseWrite(200),
  },
  'POST /api/v1/cases/{caseId}/defendants/{officialId}/charges': {
    body: () => ({ article: '146 ч. 1', chargedOn: today() }),
    // Before a court already: a new charge is refused.
    allowed: caseWrite(422),
  },
  'POST /api/v1/cases/{caseId}/defendants/{officialId}/verdicts': {
    body: () => ({
      court: ASTANA_COURT,
      outcome: 'convicted',
      article: '146 ч. 1',
      sentence: { penalties: [{ kind: 'imprisonment', months: 36 }] },
      decidedOn: today(),
    }),
    allowed: caseWrite(200),
  },
  'POST /api/v1/cases/{caseId}/defendants/{officialId}/appeals': {
    body: () => ({ by: 'defendant', filedOn: today() }),
    allowed: caseWrite(200),
  },
  'POST /api/v1/cases/{caseId}/defendants/{officialId}/appeal-decisions': {
    body: () => ({ court: ASTANA_COURT, result: 'upheld', decidedOn: today() }),
    allowed: caseWrite(200),
  },
};

for (const engine of ENGINES) {
  describe(`case files: role × endpoint (${engine})`, () => {
    let h: Harness;
    const headers: Partial<Record<Caller, Record<string, string>>> = { public: {} };
    const f: Fixture = {
      caseId: '',
      defendant: '',
      charged: '',
      spare: '',
      victimId: '',
      redressId: '',
      decisionId: '',
    };

    const concrete = (path: string) =>
      path
        .replace('{caseId}', f.caseId)
        .replace('{redressId}', f.redressId)
        .replace(
          '{officialId}',
          path.startsWith('/api/v1/officials') && path.endsWith('/changes') ? f.spare : f.defendant,
        );

    beforeAll(async () => {
      h = await startHarness(engine);
      for (const role of ROLES) headers[role] = h.bearer(role);
      const scoped = async (role: Role, regions: string[]) =>
        (
          await createToken(
            h.store,
            { role, name: `${role} ${regions.join()}`, facilities: [], regions },
            'test',
          )
        ).token;
      const tokens: Record<(typeof ELSEWHERE)[number], string> = {
        'procurator@KZ-75': await scoped('procurator', ['KZ-75']),
        'judge@KZ-71': await scoped('judge', ['KZ-71']),
        'judge@KZ-75': await scoped('judge', ['KZ-75']),
        'monitor@KZ-75': await scoped('monitor', ['KZ-75']),
      };
      for (const caller of ELSEWHERE) headers[caller] = { authorization: `Bearer ${tokens[caller]}` };

      const post = async (url: string, payload: unknown, status = 200) => {
        const response = await h.app.inject({
          method: 'POST',
          url: `/api/v1${url}`,
          headers: h.bearer('procurator'),
          payload: payload as object,
        });
        expect(response.statusCode, response.body).toBe(status);
        return response.json() as CaseView & { id: string };
      };
      const official = async (name: string) =>
        (await post('/officials', { name, position: 'инспектор', agency: 'police', region: 'KZ-71' }, 201))
          .id;
      f.defendant = await official('Ахметов Ерлан');
      f.charged = await official('Байжанов Талгат');
      f.spare = await official('Исмаилов Руслан');
      const opened = await post(
        '/cases',
        {
          number: '261500031000001',
          article: '146 ч. 1',
          openedOn: today(),
          investigatingBody: 'Прокуратура г. Астаны',
          region: 'KZ-71',
          exOfficioBasis: 'Рапорт об обнаружении признаков пытки',
        },
        201,
      );
      f.caseId = opened.id;
      for (const officialId of [f.defendant, f.charged]) {
        await post(`/cases/${f.caseId}/suspects`, { officialId, identifiedAt: hoursAgo(2) });
        await post(`/cases/${f.caseId}/defendants/${officialId}/charges`, {
          article: '146 ч. 1',
          chargedOn: today(),
        });
      }
      await post(`/cases/${f.caseId}/court-referrals`, {
        officialIds: [f.defendant],
        court: ASTANA_COURT,
        sentOn: today(),
      });
      const victim = await post(`/cases/${f.caseId}/victims`, { name: 'Абенов Е.', recognisedOn: today() });
      f.victimId = victim.victims[0]?.victimId ?? '';
      const awarded = await post(`/cases/${f.caseId}/redress`, {
        victimId: f.victimId,
        by: 'victims-fund',
        category: 'torture-victim',
        purpose: 'treatment',
        amountKzt: 500_000,
        decidedOn: today(),
      });
      f.redressId = awarded.redress[0]?.redressId ?? '';
      const filed = await post(`/cases/${f.caseId}/documents`, {
        kind: 'decision',
        title: 'Постановление об отказе',
        dated: today(),
        submittedBy: 'investigator',
        digest: { sha256: 'd'.repeat(64), size: 1024, mediaType: 'application/pdf' },
      });
      f.decisionId = filed.documents[0]?.documentId ?? '';
    });
    afterAll(async () => h?.close());

    test('the matrix covers every /api/v1/cases and /api/v1/officials endpoint the OpenAPI document lists', async () => {
      const doc = (await h.app.inject({ url: '/api/openapi.json' })).json() as {
        paths: Record<string, Record<string, unknown>>;
      };
      const listed = Object.entries(doc.paths)
        .filter(([path]) => /^\/api\/v1\/(cases|officials)(\/|$)/.test(path))
        .flatMap(([path, methods]) =>
          Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
        );
      expect(listed.sort()).toEqual(Object.keys(MATRIX).sort());
    });

    for (const [endpoint, { body, allowed }] of Object.entries(MATRIX)) {
      test.each(CALLERS)(`${endpoint} as %s`, async (caller) => {
        const [method, path] = endpoint.split(' ') as ['GET' | 'POST', string];
        const expected = caller === 'public' ? 401 : (allowed[caller] ?? 403);
        const response = await h.app.inject({
          method,
          url: concrete(path),
          headers: headers[caller] ?? {},
          ...(body ? { payload: body(f, caller) as object } : {}),
        });
        expect(response.statusCode, response.body.slice(0, 300)).toBe(expected);
        if (expected >= 400) expect(problemOf(response).status).toBe(expected);
        // Nothing of a case or an official in a refusal.
        if (expected === 401 || expected === 403 || expected === 404)
          for (const name of ['Ахметов', 'Байжанов', 'Исмаилов', '261500031000001'])
            expect(response.body).not.toContain(name);
      });
    }
  });
}
