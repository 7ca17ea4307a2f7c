import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROLES, type Role } from '../../src/access/principal.js';
import { createToken } from '../../src/app/accounts.js';
import { createFacility, createPerson } from '../../src/app/registry.js';
import { verifyBundle } from '../../src/ledger/bundle.js';
import { exportBundle, type ExportOptions } from '../../src/store/export.js';
import { paths } from '../../src/web/paths.js';
import { ENGINES } from '../support/engines.js';
import { startHarness, type Harness } from './harness.js';

/*
 * kz.medical.system (issue 19, "How it will be checked"): for every role but `medical` — and the
 * procurator once a report was disclosed to them with consent or a court order — clinical content
 * is 403 on every endpoint that carries it, and appears on no endpoint, page, list, log or export
 * that could carry it. The matrix: every role × every /api/v1/medical endpoint (as the OpenAPI
 * document lists them, so a new endpoint cannot slip past it), then the other reads, searched for
 * phrases written into an examination's notes and a report.
 */

const START = Date.parse('2026-04-14T05:00:00.000Z');
const HOUR = 3_600_000;
const KDF = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };
const PASSPHRASE = 'синий трамвай под мостом через Нуру';

/** Phrases written only into clinical content: they must show nowhere else. */
const CUSTODY_NOTES = 'Ссадина в форме зубчатого колеса за левым ухом';
const ACCOUNT = 'прижигали сигаретой запястье в комнате четырнадцать';
const SHAPE = 'отпечаток зубчатого протектора подошвы';
const PRISON_NOTES = 'Свежий рубец от наручников на правом предплечье';
const PHRASES = [CUSTODY_NOTES, ACCOUNT, SHAPE, PRISON_NOTES];

/** Who may do what on an endpoint: the rows of the matrix. */
type Access =
  /** Clinical content, read or written: health officials of the record's facilities only. */
  | 'clinical'
  /** The clinician's own signing key: any medical account, for itself. */
  | 'key'
  /** That examinations took place (no clinical content): facility staff, medical, monitor, procurator. */
  | 'summary'
  /** A referral as the procurator sees it: the procurator only. */
  | 'referral';

/** Every /api/v1/medical endpoint, as the OpenAPI document names it. A new one must be added here. */
const MATRIX: Record<string, Access> = {
  'GET /api/v1/medical/key': 'key',
  'POST /api/v1/medical/key': 'key',
  'POST /api/v1/medical/key/unlock': 'key',
  'POST /api/v1/medical/key/lock': 'key',
  'POST /api/v1/medical/key/passphrase': 'key',
  'GET /api/v1/medical/people/{personId}': 'clinical',
  'GET /api/v1/medical/people/{personId}/examinations': 'summary',
  'POST /api/v1/medical/people/{personId}/examinations': 'clinical',
  'GET /api/v1/medical/episodes/{context}/{id}/examinations': 'summary',
  'POST /api/v1/medical/people/{personId}/reports': 'clinical',
  'POST /api/v1/medical/people/{personId}/reports/{reportId}/amendments': 'clinical',
  'POST /api/v1/medical/people/{personId}/reports/{reportId}/disclosures': 'clinical',
  'GET /api/v1/medical/people/{personId}/reports/{reportId}/signed': 'clinical',
  'POST /api/v1/medical/people/{personId}/photos': 'clinical',
  'GET /api/v1/medical/people/{personId}/photos/{sha256}': 'clinical',
  'GET /api/v1/medical/referrals/{reference}': 'referral',
};

/** The roles that see that examinations took place (policy `medical.summary`), besides medical. */
const SUMMARY_ROLES: readonly Role[] = [
  'custody-officer',
  'prison-officer',
  'governor',
  'monitor',
  'procurator',
];

/** A column of the matrix: a role, or a clinician of another facility. */
type Column = Role | 'medical-elsewhere';

function expected(access: Access, column: Column, method: string): number | 'own-key' {
  if (column === 'medical') throw new Error('the medical column is checked by its own test');
  switch (access) {
    case 'clinical':
      return 403;
    case 'key':
      return column === 'medical-elsewhere' ? 'own-key' : 403;
    case 'summary':
      return method === 'GET' && (SUMMARY_ROLES as readonly string[]).includes(column) ? 200 : 403;
    case 'referral':
      return column === 'procurator' ? 200 : 403;
  }
}

/** A tiny PNG: its eight-byte signature and a little more. */
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 7),
]);

function multipartPhoto(bytes: Buffer): { payload: Buffer; contentType: string } {
  const boundary = 'habeas-medical-photo';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="injury.png"\r\n` +
        'Content-Type: image/png\r\n\r\n',
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

const leaked = (text: string) => PHRASES.filter((phrase) => text.includes(phrase));

for (const engine of ENGINES) {
  describe(`clinical content is the health officials' alone (${engine})`, () => {
    let h: Harness;
    let now = START;
    const iso = (ms: number = now) => new Date(ms).toISOString();
    let prison: string;
    /** Tokens per column: facility roles scoped to the police unit and the prison both. */
    const tokens = {} as Record<Column, string>;
    const as = (column: Column) => ({ authorization: `Bearer ${tokens[column]}` });
    let personId: string;
    let prisonerId: string;
    let custodyId: string;
    let stayId: string;
    let examinationId: string;
    let reportId: string;
    let reference: string;
    let photo: string | null = null;

    const post = (url: string, headers: Record<string, string>, payload: unknown) =>
      h.app.inject({ method: 'POST', url, headers, payload: payload as Record<string, unknown> });

    function reportBody(examination: string, overrides: Record<string, unknown> = {}) {
      return {
        examinationId: examination,
        consent: { examination: 'given', photographs: 'given', sharingWithProcurator: 'refused' },
        circumstances: { description: 'Осмотр в медицинском кабинете ИВС, без конвоя.' },
        account: { text: `Говорит, что ${ACCOUNT}.`, language: 'ru', attributedTo: 'officials' },
        physicalFindings: [
          {
            type: 'burn',
            site: { view: 'front', region: 'wrist-left' },
            size: { lengthMm: 8, widthMm: 8 },
            shape: SHAPE,
            colour: 'red',
            estimatedAge: '2–3 days',
            photographs: [],
            consistency: 'highly-consistent',
          },
        ],
        psychologicalFindings: { text: 'Тревожен.', consistency: 'consistent' },
        opinion: { overall: 'highly-consistent', interpretation: 'Соответствует описанию.' },
        treatment: { given: 'Повязка.' },
        ...overrides,
      };
    }

    const examinationBody = (overrides: Record<string, unknown> = {}) => ({
      examination: 'on-arrest',
      episode: { context: 'custody', id: custodyId },
      at: iso(now - HOUR / 4),
      place: 'ИВС г. Астаны, медицинский кабинет',
      injuriesNoted: true,
      notes: CUSTODY_NOTES,
      ...overrides,
    });

    /** A valid body for each POST endpoint, so that refusals are refusals, not validation errors. */
    const bodies = (): Record<string, unknown> => ({
      'POST /api/v1/medical/key': { passphrase: PASSPHRASE },
      'POST /api/v1/medical/key/unlock': { passphrase: PASSPHRASE },
      'POST /api/v1/medical/key/lock': {},
      'POST /api/v1/medical/key/passphrase': { passphrase: PASSPHRASE, newPassphrase: `${PASSPHRASE} 2` },
      'POST /api/v1/medical/people/{personId}/examinations': examinationBody(),
      'POST /api/v1/medical/people/{personId}/reports': reportBody(examinationId),
      'POST /api/v1/medical/people/{personId}/reports/{reportId}/amendments': {
        ...reportBody(examinationId),
        examinationId: undefined,
        amends: 1,
        reason: 'Размер уточнён.',
      },
      'POST /api/v1/medical/people/{personId}/reports/{reportId}/disclosures': {
        recipient: 'procurator',
        legalBasis: 'court-order',
        courtOrder: { reference: '2-77/2026', court: 'Есильский районный суд' },
      },
    });

    /** The endpoint's address with this test's records in its parameters. */
    const concrete = (path: string) =>
      path
        .replace('{personId}', personId)
        .replace('{reportId}', reportId)
        .replace('{reference}', reference)
        .replace('{context}', 'custody')
        .replace('{id}', custodyId)
        .replace('{sha256}', photo ?? '0'.repeat(64));

    /** The medical endpoints the server has, as `METHOD /path`. */
    async function medicalEndpoints(): Promise<string[]> {
      const doc = (await h.app.inject({ url: '/api/openapi.json' })).json() as {
        paths: Record<string, Record<string, unknown>>;
      };
      return Object.entries(doc.paths)
        .filter(([path]) => path.startsWith('/api/v1/medical'))
        .flatMap(([path, methods]) =>
          Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
        );
    }

    async function call(endpoint: string, column: Column) {
      const [method, path] = endpoint.split(' ') as [string, string];
      const url = concrete(path);
      if (endpoint === 'POST /api/v1/medical/people/{personId}/photos') {
        const { payload, contentType } = multipartPhoto(PNG);
        return h.app.inject({
          method: 'POST',
          url,
          headers: { ...as(column), 'content-type': contentType },
          payload,
        });
      }
      if (method === 'GET') return h.app.inject({ method: 'GET', url, headers: as(column) });
      return post(url, as(column), bodies()[endpoint] ?? {});
    }

    beforeAll(async () => {
      h = await startHarness(engine, { clock: () => new Date(now), clinicianKdf: KDF });
      prison = (
        await createFacility(
          h.store,
          { name: 'Учреждение ЕЦ-166/18', kind: 'prison', population: 'mixed', region: 'KZ-AST' },
          'test',
        )
      ).id;
      for (const role of ROLES) {
        const facilities =
          role === 'kiosk'
            ? [h.facilities.astana]
            : ['custody-officer', 'prison-officer', 'governor', 'medical'].includes(role)
              ? [h.facilities.astana, prison]
              : [];
        tokens[role] = (
          await createToken(
            h.store,
            { role, name: `${role} двух учреждений`, facilities, regions: [] },
            'test',
          )
        ).token;
      }
      tokens['medical-elsewhere'] = (
        await createToken(
          h.store,
          {
            role: 'medical',
            name: 'Врач женской колонии',
            facilities: [h.facilities.almatyWomen],
            regions: [],
          },
          'test',
        )
      ).token;

      const person = (facilityId: string, familyName: string) =>
        createPerson(
          h.store,
          { familyName, givenNames: 'Арман', birthDate: '1991-05-06', sex: 'male', facilityId },
          'test',
        );
      personId = (await person(h.facilities.astana, 'Касымов')).id;
      prisonerId = (await person(prison, 'Тулегенов')).id;
      const arrest = await post('/api/v1/custody', as('custody-officer'), {
        personId,
        facilityId: h.facilities.astana,
        apprehendedAt: iso(now - 2 * HOUR),
        place: 'пр. Абая 10, Астана',
        grounds: 'ст. 188 УК РК, кража',
        arrestingOfficer: 'ст. лейтенант Ахметов Б.',
      });
      expect(arrest.statusCode, arrest.body).toBe(201);
      custodyId = (arrest.json() as { id: string }).id;
      const admission = await post('/api/v1/prison/admissions', as('prison-officer'), {
        personId: prisonerId,
        facilityId: prison,
        admittedAt: iso(now - 2 * HOUR),
        commitmentOrder: 'постановление № 7-15',
      });
      expect(admission.statusCode, admission.body).toBe(201);
      stayId = (admission.json() as { id: string }).id;

      // The clinician's key, an examination in each place, a report referred to the procurator.
      const key = await post('/api/v1/medical/key', as('medical'), { passphrase: PASSPHRASE });
      expect(key.statusCode, key.body).toBe(201);
      const examined = await post(
        `/api/v1/medical/people/${personId}/examinations`,
        as('medical'),
        examinationBody(),
      );
      expect(examined.statusCode, examined.body).toBe(201);
      examinationId = (examined.json() as { examinationId: string }).examinationId;
      const inPrison = await post(`/api/v1/medical/people/${prisonerId}/examinations`, as('medical'), {
        examination: 'on-admission',
        episode: { context: 'prison', id: stayId },
        at: iso(now - HOUR),
        place: 'Медицинская часть ЕЦ-166/18',
        injuriesNoted: true,
        screening: { hiv: 'done', tb: 'done' },
        notes: PRISON_NOTES,
      });
      expect(inPrison.statusCode, inPrison.body).toBe(201);
      const finished = await post(
        `/api/v1/medical/people/${personId}/reports`,
        as('medical'),
        reportBody(examinationId),
      );
      expect(finished.statusCode, finished.body).toBe(201);
      ({ reportId, reference } = finished.json() as { reportId: string; reference: string });
      expect(reference).toBeTruthy();
      if ((await medicalEndpoints()).includes('POST /api/v1/medical/people/{personId}/photos')) {
        const uploaded = await call('POST /api/v1/medical/people/{personId}/photos', 'medical');
        expect(uploaded.statusCode, uploaded.body).toBe(201);
        photo = (uploaded.json() as { sha256: string }).sha256;
      }
    });
    afterAll(async () => h?.close());

    test('kz.medical.system: every /api/v1/medical endpoint is in the matrix', async () => {
      const missing = (await medicalEndpoints()).filter((endpoint) => !(endpoint in MATRIX));
      expect(missing, 'add these endpoints to the 403 matrix (issue 19 "How it will be checked")').toEqual(
        [],
      );
    });

    test('kz.medical.system: every role but medical, and a clinician of another facility, is refused clinical content on every medical endpoint', async () => {
      const columns: Column[] = [...ROLES.filter((role) => role !== 'medical'), 'medical-elsewhere'];
      const endpoints = (await medicalEndpoints()).filter((endpoint) => endpoint in MATRIX);
      expect(endpoints.length).toBeGreaterThanOrEqual(14);
      const wrong: string[] = [];
      for (const endpoint of endpoints) {
        const access = MATRIX[endpoint] as Access;
        const method = endpoint.split(' ')[0] as string;
        for (const column of columns) {
          const want = expected(access, column, method);
          // A clinician of another facility manages their own key: not this record's concern.
          if (want === 'own-key' && method !== 'GET') continue;
          const before = await h.store.size();
          const response = await call(endpoint, column);
          const status = want === 'own-key' ? 200 : want;
          if (response.statusCode !== status)
            wrong.push(`${endpoint} as ${column}: ${response.statusCode}, expected ${status}`);
          if (status === 403 && method === 'POST' && (await h.store.size()) !== before)
            wrong.push(`${endpoint} as ${column}: refused, yet the log grew`);
          const shown = leaked(response.body);
          if (shown.length > 0) wrong.push(`${endpoint} as ${column} shows ${shown.join(', ')}`);
        }
      }
      expect(wrong).toEqual([]);
    });

    test('intl.medical.disclosure: the procurator sees the referral at once, and the report only after a court order', async () => {
      const url = `/api/v1/medical/referrals/${reference}`;
      const before = await h.app.inject({ url, headers: as('procurator') });
      expect(before.statusCode, before.body).toBe(200);
      expect(before.json()).toMatchObject({ reference, disclosed: false, report: null });
      expect(leaked(before.body)).toEqual([]);
      const disclosed = await post(
        `/api/v1/medical/people/${personId}/reports/${reportId}/disclosures`,
        as('medical'),
        bodies()['POST /api/v1/medical/people/{personId}/reports/{reportId}/disclosures'],
      );
      expect(disclosed.statusCode, disclosed.body).toBe(201);
      const after = await h.app.inject({ url, headers: as('procurator') });
      expect(after.json()).toMatchObject({ disclosed: true, report: { signed: { version: 1 } } });
      expect(after.body).toContain(ACCOUNT);
      // Disclosed to the procurator, to nobody else: the record itself stays 403 to them.
      const record = await h.app.inject({
        url: `/api/v1/medical/people/${personId}`,
        headers: as('procurator'),
      });
      expect(record.statusCode).toBe(403);
    });

    test('kz.medical.system: the clinicians of the record’s facilities are answered on every medical endpoint', async () => {
      const ok = async (endpoint: string, status: number) => {
        const response = await call(endpoint, 'medical');
        expect(response.statusCode, `${endpoint}: ${response.body}`).toBe(status);
        return response;
      };
      const record = await ok('GET /api/v1/medical/people/{personId}', 200);
      expect(record.body).toContain(CUSTODY_NOTES);
      expect(record.body).toContain(ACCOUNT);
      await ok('GET /api/v1/medical/people/{personId}/examinations', 200);
      await ok('GET /api/v1/medical/episodes/{context}/{id}/examinations', 200);
      const signed = await ok('GET /api/v1/medical/people/{personId}/reports/{reportId}/signed', 200);
      expect(signed.body).toContain(SHAPE);
      if (photo !== null) await ok('GET /api/v1/medical/people/{personId}/photos/{sha256}', 200);
      await ok('GET /api/v1/medical/key', 200);
      await ok('POST /api/v1/medical/key/lock', 204);
      await ok('POST /api/v1/medical/key/unlock', 200);
      await ok('POST /api/v1/medical/people/{personId}/reports/{reportId}/amendments', 201);
      await ok('POST /api/v1/medical/people/{personId}/examinations', 201);
      await ok('POST /api/v1/medical/key/passphrase', 204);
      // One key per clinician: a second is a conflict, not a refusal.
      await ok('POST /api/v1/medical/key', 409);
      // The referral is the procurator's view, not the clinician's.
      await ok('GET /api/v1/medical/referrals/{reference}', 403);
    });

    test('kz.medical.system: no person, search, list, custody or prison read, allegation, audit or log entry carries clinical content, for any role', async () => {
      const reads = [
        `/api/v1/people/${personId}`,
        `/api/v1/people/${prisonerId}`,
        `/api/v1/custody/${custodyId}`,
        '/api/v1/custody',
        '/api/v1/custody-findings',
        '/api/v1/custody-referrals',
        `/api/v1/prison/stays/${stayId}`,
        '/api/v1/prison/stays',
        '/api/v1/prison-findings',
        '/api/v1/prison-referrals',
        '/api/v1/complaints',
        '/api/v1/allegations',
        '/api/v1/people-reached',
        `/api/v1/audit?subject=person/${personId}`,
        `/api/v1/audit?subject=medical/${personId}`,
        '/api/v1/log/entries?start=0',
      ];
      const wrong: string[] = [];
      const answered = new Set<string>();
      for (const role of ROLES) {
        const responses = [
          ...(await Promise.all(
            reads.map(async (url) => ({ url, response: await h.app.inject({ url, headers: as(role) }) })),
          )),
          ...(await Promise.all(
            ['Касымов', 'Тулегенов'].map(async (name) => ({
              url: `POST /api/v1/people/search ${name}`,
              response: await post('/api/v1/people/search', as(role), { name }),
            })),
          )),
        ];
        for (const { url, response } of responses) {
          if (response.statusCode === 200) answered.add(url);
          const shown = leaked(response.body);
          // The clinicians' own lists may show their own record; nobody else's may.
          if (shown.length > 0 && role !== 'medical')
            wrong.push(`${url} as ${role} shows ${shown.join(', ')}`);
        }
      }
      expect(wrong).toEqual([]);
      // The reads were answered to someone: the check looked at content, not at refusals alone.
      for (const url of [
        `/api/v1/people/${personId}`,
        `/api/v1/custody/${custodyId}`,
        `/api/v1/prison/stays/${stayId}`,
        '/api/v1/allegations',
        '/api/v1/log/entries?start=0',
        `/api/v1/audit?subject=medical/${personId}`,
        'POST /api/v1/people/search Касымов',
      ])
        expect(answered, url).toContain(url);
    });

    test('kz.medical.system: the pages of a person, an episode, a stay and the procurator’s lists carry no clinical content', async () => {
      const pages = [
        paths.person(personId),
        paths.person(prisonerId),
        paths.custodyEpisode(custodyId),
        paths.custodyRecord(custodyId),
        paths.prisonStay(stayId),
        paths.allegations,
        paths.allegation(reference),
        paths.custody,
        paths.prison,
        paths.auditOf('medical', personId),
      ];
      const wrong: string[] = [];
      let answered = 0;
      for (const role of ROLES.filter((role) => role !== 'medical' && role !== 'kiosk')) {
        const { cookie } = await h.session(role, {
          facilities: ['custody-officer', 'prison-officer', 'governor'].includes(role)
            ? [h.facilities.astana, prison]
            : [],
        });
        for (const url of pages) {
          const response = await h.app.inject({ url, headers: { cookie } });
          if (response.statusCode === 200) answered++;
          const shown = leaked(response.body);
          if (shown.length > 0) wrong.push(`${url} as ${role} shows ${shown.join(', ')}`);
        }
      }
      expect(wrong).toEqual([]);
      expect(answered).toBeGreaterThan(10);
    });

    test('kz.medical.system: a bundle with payloads leaves the medical records’ payloads out, unless asked; both verify', async () => {
      const bundle = async (options: ExportOptions) => {
        const lines: string[] = [];
        await exportBundle(h.store, (line) => void lines.push(line), { witnessWaitMs: 0, ...options });
        return lines;
      };
      const usual = await bundle({ payloads: true });
      expect(leaked(usual.join('\n'))).toEqual([]);
      const medicalLines = usual
        .slice(1, -1)
        .map((line) => JSON.parse(line) as { entry: { stream: string }; payload?: unknown })
        .filter((line) => line.entry.stream.startsWith('medical/'));
      expect(medicalLines.length).toBeGreaterThan(0);
      for (const line of medicalLines) expect(line).not.toHaveProperty('payload');
      const checked = await verifyBundle(usual);
      expect(checked, JSON.stringify(checked)).toMatchObject({ ok: true });

      // The health authority's own forensic reviewer: everything, and every digest checked.
      const whole = await bundle({ payloads: true, medicalPayloads: true });
      expect(whole.join('\n')).toContain(ACCOUNT);
      const all = await verifyBundle(whole);
      expect(all).toMatchObject({ ok: true });
      if (checked.ok && all.ok) expect(all.digestsChecked).toBe(checked.digestsChecked + medicalLines.length);
    });

    test('kz.medical.system: an examination with injuries and one without append entries of the same types and number', async () => {
      const appended = async (payload: Record<string, unknown>) => {
        now += HOUR;
        const before = await h.store.size();
        const response = await post(
          `/api/v1/medical/people/${personId}/examinations`,
          as('medical'),
          examinationBody({ examination: 'on-request', at: iso(now - HOUR / 4), ...payload }),
        );
        expect(response.statusCode, response.body).toBe(201);
        return (await h.store.entries(before, await h.store.size())).map((entry) => ({
          type: entry.type,
          stream: entry.stream.split('/')[0],
          actor: entry.actor,
        }));
      };
      const injured = await appended({ injuriesNoted: true, notes: CUSTODY_NOTES });
      const unharmed = await appended({ injuriesNoted: false, notes: 'Жалоб нет.' });
      expect(injured).toEqual(unharmed);
      expect(injured.map((entry) => entry.type)).toContain('medical-record-updated');
    });

    test('who read a person’s medical record is listed by the person’s id for the oversight roles, never what was read', async () => {
      await h.app.inject({
        url: `/api/v1/medical/people/${personId}?purpose=${encodeURIComponent('повторный осмотр')}`,
        headers: as('medical'),
      });
      const subject = `medical/${personId}`;
      for (const role of ['monitor', 'procurator'] as const) {
        const response = await h.app.inject({ url: `/api/v1/audit?subject=${subject}`, headers: as(role) });
        expect(response.statusCode, response.body).toBe(200);
        const { reads } = response.json() as { reads: { actorRole: string; purpose: string }[] };
        expect(reads).toContainEqual(
          expect.objectContaining({ actorRole: 'medical', purpose: 'повторный осмотр' }),
        );
        expect(leaked(response.body)).toEqual([]);
      }
      for (const role of ['custody-officer', 'governor', 'admin', 'medical'] as const) {
        const refused = await h.app.inject({ url: `/api/v1/audit?subject=${subject}`, headers: as(role) });
        expect(refused.statusCode, role).toBe(403);
      }
      // No such person, or a person without a medical record: nothing to list.
      const unknown = await h.app.inject({
        url: '/api/v1/audit?subject=medical/nobody',
        headers: as('monitor'),
      });
      expect(unknown.statusCode).toBe(404);
      const unexamined = await h.app.inject({
        url: `/api/v1/audit?subject=medical/${h.personId}`,
        headers: as('monitor'),
      });
      expect(unexamined.statusCode).toBe(404);

      // The audit page: the kind "medical record", asked by the person's id.
      const { cookie } = await h.session('monitor');
      const page = await h.app.inject({ url: paths.auditOf('medical', personId), headers: { cookie } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('повторный осмотр');
      expect(page.body).toContain('medical двух учреждений');
      expect(leaked(page.body)).toEqual([]);
      const csv = await h.app.inject({
        url: `${paths.auditOf('medical', personId)}&format=csv`,
        headers: { cookie },
      });
      expect(leaked(csv.body)).toEqual([]);
    });
  });
}
