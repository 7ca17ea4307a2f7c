import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { CaseView, OfficialView } from '../../src/app/cases.js';
import type { ComplaintReceipt } from '../../src/app/complaint-views.js';
import { fromBase64 } from '../../src/ledger/hash.js';
import { initSealing } from '../../src/sealing/keystore.js';
import { sealedToWire, sealTo } from '../../src/sealing/seal.js';
import type { Engine } from '../../src/store/types.js';
import { startHarness, type Harness } from '../http/harness.js';
import { form } from './jar.js';

/*
 * A world for the case file pages (issue 20) through the real server, built only through the API
 * as the procurator keeps a file: four torture allegations at the Astana custody unit's kiosk; two
 * officials of the register; case A opened on the first allegation with the second joined later,
 * a procedural decision voided (kz.torture.nullity), a confession excluded
 * (kz.evidence.inadmissible), one officer suspended in time, convicted to imprisonment with a
 * fine, the other never suspended (his clock overdue), charged under another article and given a
 * suspended sentence under a plea agreement (kz.torture.sentencing); the victim's compensation
 * decided by the fund and paid in full (kz.redress.fund). The third and fourth allegations are
 * left for the open-case form. Sessions for every role that must or must not see it.
 */

export type Session = { cookie: string; csrfToken: string };

const SEALING_PASSPHRASE = 'дела ведутся в прокуратуре';
const KDF = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };

export const CASE_A = '261500031000101';
export const ASTANA_COURT = { name: 'Сарыаркинский районный суд г. Астаны', region: 'KZ-71' };

export interface CaseWorld {
  h: Harness;
  /** Kiosk complaints: [0] opened case A, [1] joined into it, [2] and [3] in no case. */
  complaints: string[];
  caseA: string;
  officials: { ermekov: string; saparov: string };
  documents: { refusal: string; forensic: string; confession: string };
  procurator: Session;
  /** A procurator of Almaty only: case A (Astana) is out of scope. */
  procuratorAlmaty: Session;
  judge: Session;
  judgeAlmaty: Session;
  monitor: Session;
  statistician: Session;
  custodyOfficer: Session;
  prisonOfficer: Session;
  medical: Session;
  complaintsOfficer: Session;
  admin: Session;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export async function startCaseWorld(engine: Engine, clock: { now: number }): Promise<CaseWorld> {
  const h = await startHarness(engine, { clock: () => new Date(clock.now) });
  await initSealing(h.dataDir, SEALING_PASSPHRASE, { kdf: KDF });
  const at = (iso: string) => {
    clock.now = Math.max(clock.now, Date.parse(iso));
  };
  const api = (
    method: 'POST',
    url: string,
    payload: unknown,
    role: Parameters<Harness['bearer']>[0] = 'procurator',
  ) => h.app.inject({ method, url: `/api/v1${url}`, headers: h.bearer(role), payload: payload as object });
  const ok = async (response: Awaited<ReturnType<typeof api>>, status = 200) => {
    expect(response.statusCode, response.body).toBe(status);
    return response.json() as CaseView;
  };

  const complaints: string[] = [];
  for (const text of ['Избили в дежурной части', 'Душили пакетом', 'Били по пяткам', 'Угрожали оружием']) {
    const key = (await h.app.inject({ url: '/api/v1/sealing/key' })).json() as { publicKey: string };
    const content = { v: 1, text, language: 'ru', writtenAt: new Date(clock.now).toISOString(), media: [] };
    const sealed = sealedToWire(
      await sealTo(fromBase64(key.publicKey), new TextEncoder().encode(JSON.stringify(content))),
    );
    const response = await api(
      'POST',
      '/complaints',
      { facilityId: h.facilities.astana, category: 'torture-or-ill-treatment', sealed, pin: '2468' },
      'kiosk',
    );
    expect(response.statusCode, response.body).toBe(201);
    complaints.push((response.json() as ComplaintReceipt).reference);
  }

  const register = async (body: Record<string, unknown>) => {
    const response = await api('POST', '/officials', { agency: 'police', region: 'KZ-71', ...body });
    expect(response.statusCode, response.body).toBe(201);
    return (response.json() as OfficialView).id;
  };
  const ermekov = await register({
    name: 'Ермеков Бауыржан Маратович',
    position: 'оперуполномоченный',
    facilityId: h.facilities.astana,
  });
  const saparov = await register({
    name: 'Сапаров Данияр Ерланович',
    position: 'начальник дежурной части',
    unit: 'УП г. Астаны',
  });

  at('2026-02-01T05:00:00.000Z');
  let view = await ok(
    await api('POST', '/cases', {
      number: CASE_A,
      article: '146 ч. 2',
      openedOn: '2026-02-01',
      investigatingBody: 'Прокуратура г. Астаны',
      tags: ['january-2022'],
      sources: [{ kind: 'complaint', reference: complaints[0] }],
    }),
    201,
  );
  const caseA = view.id;
  const file = (step: string) => `/cases/${caseA}/${step}`;
  const addDocument = async (kind: string, title: string, dated: string, submittedBy: string) => {
    const added = await ok(
      await api('POST', file('documents'), {
        kind,
        title,
        dated,
        submittedBy,
        digest: { sha256: sha256(title), size: title.length, mediaType: 'application/pdf' },
      }),
    );
    return added.documents.at(-1)?.documentId ?? '';
  };
  const refusal = await addDocument(
    'decision',
    'Постановление об отказе в начале досудебного расследования',
    '2026-01-25',
    'investigator',
  );
  const forensic = await addDocument(
    'forensic-report',
    'Заключение судебно-медицинской экспертизы № 112',
    '2026-02-01',
    'expert',
  );
  const confession = await addDocument('other', 'Явка с повинной Абенова Е.', '2026-01-22', 'investigator');
  await addDocument('defence-submission', 'Ходатайство защиты о допросе свидетелей', '2026-02-01', 'defence');

  at('2026-02-02T05:10:00.000Z');
  await ok(
    await api('POST', file('allegations'), {
      source: { kind: 'complaint', reference: complaints[1] },
      joinedOn: '2026-02-02',
    }),
  );
  await ok(
    await api('POST', file('suspects'), { officialId: ermekov, identifiedAt: '2026-02-02T10:00:00+05:00' }),
  );
  at('2026-02-02T13:10:00.000Z');
  await ok(
    await api('POST', `/cases/${caseA}/defendants/${ermekov}/suspension`, {
      suspendedAt: '2026-02-02T18:00:00+05:00',
      orderedBy: 'Начальник ДП г. Астаны',
    }),
  );
  at('2026-02-03T04:10:00.000Z');
  await ok(
    await api('POST', file('suspects'), { officialId: saparov, identifiedAt: '2026-02-03T09:00:00+05:00' }),
  );

  at('2026-02-20T05:00:00.000Z');
  view = await ok(
    await api('POST', file('victims'), {
      personId: h.personId,
      name: 'Абенов Ерлан',
      recognisedOn: '2026-02-12',
    }),
  );
  const victim = view.victims.at(-1)?.victimId ?? '';
  view = await ok(
    await api('POST', file('redress'), {
      victimId: victim,
      by: 'victims-fund',
      category: 'torture-victim',
      purpose: 'treatment',
      amountKzt: 500_000,
      decidedOn: '2026-02-20',
    }),
  );
  const redress = view.redress.at(-1)?.redressId ?? '';
  at('2026-03-01T05:00:00.000Z');
  await ok(
    await api('POST', `/cases/${caseA}/redress/${redress}/payments`, {
      amountKzt: 500_000,
      paidOn: '2026-03-01',
    }),
  );
  await ok(
    await api('POST', `/cases/${caseA}/defendants/${ermekov}/charges`, {
      article: '146 ч. 2',
      chargedOn: '2026-03-01',
    }),
  );
  await ok(
    await api('POST', `/cases/${caseA}/defendants/${saparov}/charges`, {
      article: '362 ч. 4',
      chargedOn: '2026-03-01',
    }),
  );
  at('2026-03-05T05:00:00.000Z');
  await ok(
    await api('POST', file('nullities'), {
      documentIds: [refusal],
      basis: 'Отказ вынесен на показаниях, полученных под пыткой',
      by: 'procurator',
      voidedOn: '2026-03-05',
    }),
  );
  await ok(
    await api('POST', file('evidence-exclusions'), {
      description: 'Явка с повинной получена под пыткой',
      documentId: confession,
      by: 'investigating-judge',
      excludedOn: '2026-03-05',
    }),
  );
  at('2026-04-01T05:00:00.000Z');
  await ok(
    await api('POST', file('court-referrals'), {
      officialIds: [ermekov, saparov],
      court: ASTANA_COURT,
      sentOn: '2026-04-01',
    }),
  );
  at('2026-05-01T05:00:00.000Z');
  await ok(
    await api('POST', `/cases/${caseA}/defendants/${ermekov}/verdicts`, {
      court: ASTANA_COURT,
      outcome: 'convicted',
      article: '146 ч. 2',
      sentence: {
        penalties: [
          { kind: 'imprisonment', months: 60 },
          { kind: 'fine', amountKzt: 1_500_000 },
        ],
      },
      decidedOn: '2026-05-01',
    }),
  );
  await ok(
    await api('POST', `/cases/${caseA}/defendants/${saparov}/verdicts`, {
      court: ASTANA_COURT,
      outcome: 'convicted',
      article: '362 ч. 4',
      sentence: { penalties: [{ kind: 'imprisonment', months: 24 }], suspended: true, probationMonths: 24 },
      pleaAgreement: true,
      decidedOn: '2026-05-01',
    }),
  );
  at('2026-05-02T05:00:00.000Z');

  return {
    h,
    complaints,
    caseA,
    officials: { ermekov, saparov },
    documents: { refusal, forensic, confession },
    procurator: await h.session('procurator'),
    procuratorAlmaty: await h.session('procurator', { regions: ['KZ-75'] }),
    judge: await h.session('judge', { regions: ['KZ-71'] }),
    judgeAlmaty: await h.session('judge', { regions: ['KZ-75'] }),
    monitor: await h.session('monitor'),
    statistician: await h.session('statistician'),
    custodyOfficer: await h.session('custody-officer'),
    prisonOfficer: await h.session('prison-officer', { facilities: [h.facilities.almatyWomen] }),
    medical: await h.session('medical'),
    complaintsOfficer: await h.session('complaints-officer'),
    admin: await h.session('admin'),
  };
}

export function getPage(world: CaseWorld, session: Session | null, url: string) {
  return world.h.app.inject({ method: 'GET', url, headers: session ? { cookie: session.cookie } : {} });
}

/** A page's form, posted with the session's CSRF token. */
export function postForm(world: CaseWorld, session: Session, url: string, fields: Record<string, string>) {
  const body = form({ _csrf: session.csrfToken, ...fields });
  return world.h.app.inject({
    method: 'POST',
    url,
    payload: body.payload,
    headers: { ...body.headers, cookie: session.cookie },
  });
}
