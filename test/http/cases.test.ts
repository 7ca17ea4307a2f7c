import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createToken } from '../../src/app/accounts.js';
import type { CaseListRow, CaseStatistics, CaseView, OfficialView } from '../../src/app/cases.js';
import type { ComplaintReceipt } from '../../src/app/complaint-views.js';
import { ClockScheduler } from '../../src/clocks/scheduler.js';
import { fromBase64 } from '../../src/ledger/hash.js';
import { initSealing } from '../../src/sealing/keystore.js';
import { sealedToWire, sealTo } from '../../src/sealing/seal.js';
import { ENGINES } from '../support/engines.js';
import { problemOf, startHarness, type Harness } from './harness.js';

/*
 * Criminal case files through the real HTTP server on both engines (issue 20, "How it will be
 * checked"): a dataset built only through the API — five torture allegations (kiosk and lawyer
 * complaints) and a doctor's referral, three cases (one opened from two allegations with two joined
 * later, one ex officio, one from a single allegation), officials of the register, defendants
 * charged, reclassified, sent to court, convicted, acquitted, under a plea agreement, an appeal
 * that changed a sentence, a discontinuation on documents of the file, suspensions in time and
 * late, compensation paid in part and in full — is read back exactly: each case view, the list
 * with its filters, the statistics and the register. Every refusal provoked names its rule and
 * its reason as data. Scope: procurators by region, judges by their courts' regions, counts only
 * for the monitor and the statistician; every read of a case is recorded. The server's clock is
 * moved through the story as the file is kept, so each step is recorded when it happens.
 */

const PASSPHRASE = 'дела ведутся в прокуратуре';
const TEST_KDF = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };
const CLINICIAN_PASSPHRASE = 'синий чайник у реки Есиль';

/** ERDR numbers of the three cases. */
const A = '261500031000101';
const B = '261500031000202';
const C = '261500031000303';

const ASTANA_COURT = { name: 'Сарыаркинский районный суд г. Астаны', region: 'KZ-71' };
const ASTANA_APPEAL = { name: 'Суд г. Астаны (апелляционная коллегия)', region: 'KZ-71' };
const ALMATY_COURT = { name: 'Алмалинский районный суд г. Алматы', region: 'KZ-75' };

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const digestOf = (text: string, mediaType = 'application/pdf') => ({
  sha256: sha256(text),
  size: Buffer.byteLength(text, 'utf8'),
  mediaType,
});

type Who =
  Parameters<Harness['bearer']>[0] | 'procurator@KZ-75' | 'judge@KZ-71' | 'judge@KZ-75' | 'monitor@KZ-75';

for (const engine of ENGINES) {
  describe(`case files through the API (${engine})`, () => {
    let h: Harness;
    let now = Date.parse('2026-01-20T05:00:00.000Z');
    const scoped: Partial<Record<Who, string>> = {};
    const headers = (who: Who) =>
      scoped[who] !== undefined
        ? { authorization: `Bearer ${scoped[who]}` }
        : h.bearer(who as Parameters<Harness['bearer']>[0]);
    /** Moves the server's clock to `iso` (never back). */
    const at = (iso: string) => {
      const next = Date.parse(iso);
      if (next < now) throw new Error(`the clock goes forward only: ${iso}`);
      now = next;
    };
    const get = (url: string, who: Who = 'procurator') =>
      h.app.inject({ url: `/api/v1${url}`, headers: headers(who) });
    const post = (url: string, payload: unknown, who: Who = 'procurator') =>
      h.app.inject({
        method: 'POST',
        url: `/api/v1${url}`,
        headers: headers(who),
        payload: payload as object,
      });
    const change = (url: string, payload: unknown, who: Who = 'procurator') =>
      h.app.inject({
        method: 'POST',
        url: `/api/v1${url}/changes`,
        headers: headers(who),
        payload: payload as object,
      });

    /** The case as a write answered it. */
    async function wrote(response: Awaited<ReturnType<typeof post>>, status = 200): Promise<CaseView> {
      expect(response.statusCode, response.body).toBe(status);
      return response.json() as CaseView;
    }
    function refused(
      response: Awaited<ReturnType<typeof post>>,
      expected: { rule: string; code: string; params: Record<string, unknown> },
    ) {
      expect(response.statusCode, response.body).toBe(422);
      const problem = problemOf(response) as ReturnType<typeof problemOf> & {
        code?: string;
        params?: Record<string, unknown>;
      };
      expect({ rule: problem.rule, code: problem.code, params: problem.params }).toEqual(expected);
    }

    // What the story made: references, ids.
    const complaints: string[] = [];
    let referral = '';
    const officials: Record<'ermekov' | 'saparov' | 'kalieva' | 'omarov', string> = {
      ermekov: '',
      saparov: '',
      kalieva: '',
      omarov: '',
    };
    const ids: Record<'A' | 'B' | 'C', string> = { A: '', B: '', C: '' };
    const documents: Record<string, string> = {};
    const doc = (name: string): string => documents[name] ?? '';
    const victims: Record<'abenov' | 'serikbaev', string> = { abenov: '', serikbaev: '' };
    const redress: Record<'treatment' | 'damages', string> = { treatment: '', damages: '' };

    async function sealed(text: string) {
      const key = (await h.app.inject({ url: '/api/v1/sealing/key' })).json() as { publicKey: string };
      const content = { v: 1, text, language: 'ru', writtenAt: new Date(now).toISOString(), media: [] };
      return sealedToWire(
        await sealTo(fromBase64(key.publicKey), new TextEncoder().encode(JSON.stringify(content))),
      );
    }

    async function addDocument(
      caseKey: 'A' | 'B' | 'C',
      name: string,
      body: { kind: string; title: string; dated: string; submittedBy: string },
    ) {
      const view = await wrote(
        await post(`/cases/${ids[caseKey]}/documents`, {
          ...body,
          digest: digestOf(`${body.title}, ${body.dated}`),
        }),
      );
      const added = view.documents.at(-1);
      expect(added).toMatchObject({ ...body, digest: digestOf(`${body.title}, ${body.dated}`) });
      documents[name] = added?.documentId ?? '';
      return view;
    }

    beforeAll(async () => {
      h = await startHarness(engine, {
        clock: () => new Date(now),
        clinicianKdf: TEST_KDF,
      });
      await initSealing(h.dataDir, PASSPHRASE, { kdf: TEST_KDF });
      const token = async (role: 'procurator' | 'judge' | 'monitor', regions: string[]) =>
        (
          await createToken(
            h.store,
            { role, name: `${role} ${regions.join()}`, facilities: [], regions },
            'test',
          )
        ).token;
      scoped['procurator@KZ-75'] = await token('procurator', ['KZ-75']);
      scoped['judge@KZ-71'] = await token('judge', ['KZ-71']);
      scoped['judge@KZ-75'] = await token('judge', ['KZ-75']);
      scoped['monitor@KZ-75'] = await token('monitor', ['KZ-75']);

      // Five torture allegations about the Astana police custody unit: three at its kiosk, two by lawyers.
      for (const text of ['Избили в дежурной части', 'Душили пакетом', 'Били по пяткам']) {
        const response = await post(
          '/complaints',
          {
            facilityId: h.facilities.astana,
            category: 'torture-or-ill-treatment',
            sealed: await sealed(text),
            pin: '2468',
          },
          'kiosk',
        );
        expect(response.statusCode, response.body).toBe(201);
        complaints.push((response.json() as ComplaintReceipt).reference);
      }
      for (const text of ['Подзащитного избивали при допросе', 'Подзащитному угрожали оружием']) {
        const response = await post(
          '/complaints/received',
          {
            facilityId: h.facilities.astana,
            channel: 'lawyer',
            category: 'torture-or-ill-treatment',
            text,
          },
          'complaints-officer',
        );
        expect(response.statusCode, response.body).toBe(201);
        complaints.push((response.json() as { reference: string }).reference);
      }

      // A doctor's referral: a report attributing injuries to officials, consistent with the account.
      at('2026-01-22T05:00:00.000Z');
      const medical = (url: string, payload: unknown) => post(url, payload, 'medical');
      expect((await medical('/medical/key', { passphrase: CLINICIAN_PASSPHRASE })).statusCode).toBe(201);
      const arrest = await post(
        '/custody',
        {
          personId: h.personId,
          facilityId: h.facilities.astana,
          apprehendedAt: '2026-01-22T02:00:00.000Z',
          place: 'ул. Кенесары 40, Астана',
          grounds: 'ст. 188 УК РК',
          arrestingOfficer: 'ст. лейтенант Ахметов Б.',
        },
        'custody-officer',
      );
      expect(arrest.statusCode, arrest.body).toBe(201);
      const examined = await medical(`/medical/people/${h.personId}/examinations`, {
        examination: 'on-arrest',
        episode: { context: 'custody', id: (arrest.json() as { id: string }).id },
        at: '2026-01-22T04:30:00.000Z',
        place: 'ИВС г. Астаны, медицинский кабинет',
        injuriesNoted: true,
        notes: 'Кровоподтёки на спине.',
      });
      expect(examined.statusCode, examined.body).toBe(201);
      const report = await medical(`/medical/people/${h.personId}/reports`, {
        examinationId: (examined.json() as { examinationId: string }).examinationId,
        consent: { examination: 'given', photographs: 'refused', sharingWithProcurator: 'given' },
        circumstances: { description: 'Осмотр без конвоя.' },
        account: { text: 'Били дубинкой в кабинете.', language: 'ru', attributedTo: 'officials' },
        physicalFindings: [
          {
            type: 'bruise',
            site: { view: 'back', region: 'upper-back-left' },
            size: { lengthMm: 120, widthMm: 30 },
            shape: 'linear',
            colour: 'red-purple',
            estimatedAge: '1–2 days',
            photographs: [],
            consistency: 'highly-consistent',
          },
        ],
        psychologicalFindings: { text: 'Тревожен.', consistency: 'consistent' },
        opinion: { overall: 'highly-consistent' },
        treatment: { given: 'Холод.' },
      });
      expect(report.statusCode, report.body).toBe(201);
      expect(report.json()).toMatchObject({ referred: true });
      referral = (report.json() as { reference: string }).reference;

      // The register of officials.
      at('2026-02-01T04:00:00.000Z');
      const register = async (body: Record<string, unknown>) => {
        const response = await post('/officials', { agency: 'police', region: 'KZ-71', ...body });
        expect(response.statusCode, response.body).toBe(201);
        return (response.json() as OfficialView).id;
      };
      officials.ermekov = await register({
        name: 'Ермеков Бауыржан Маратович',
        position: 'оперуполномоченный',
        facilityId: h.facilities.astana,
      });
      officials.saparov = await register({
        name: 'Сапаров Нурлан Ерикович',
        position: 'дежурный ИВС',
        facilityId: h.facilities.astana,
      });
      officials.kalieva = await register({
        name: 'Калиева Айгуль Бекболатовна',
        position: 'следователь',
        agency: 'investigation',
        unit: 'СУ ДП г. Астаны',
      });
      officials.omarov = await register({
        name: 'Омаров Данияр Серикович',
        position: 'конвоир',
        unit: 'батальон конвойной службы',
      });
    });
    afterAll(async () => h?.close());

    test('kz.cases.joined: case A is opened from two allegations, and none can be taken into another case', async () => {
      at('2026-02-01T05:00:00.000Z');
      const opened = await wrote(
        await post('/cases', {
          number: A,
          article: '146 ч. 2',
          openedOn: '2026-02-01',
          investigatingBody: 'Прокуратура г. Астаны',
          tags: ['january-2022'],
          sources: [
            { kind: 'complaint', reference: complaints[0] },
            { kind: 'complaint', reference: complaints[1] },
          ],
        }),
        201,
      );
      ids.A = opened.id;
      expect(opened).toMatchObject({
        number: A,
        article: '146 ч. 2',
        openedOn: '2026-02-01',
        investigatingBody: 'Прокуратура г. Астаны',
        region: 'KZ-71',
        tags: ['january-2022'],
        exOfficioBasis: null,
        status: 'investigation',
      });
      expect(opened.allegations).toEqual([
        expect.objectContaining({
          source: { kind: 'complaint', reference: complaints[0] },
          on: '2026-02-01',
          joined: false,
          allegedAt: '2026-01-20T05:00:00.000Z',
        }),
        expect.objectContaining({
          source: { kind: 'complaint', reference: complaints[1] },
          on: '2026-02-01',
          joined: false,
        }),
      ]);
      // The same allegation for another case: 422 naming the case it is in.
      refused(
        await post('/cases', {
          number: '261500031000999',
          article: '146',
          openedOn: '2026-02-01',
          investigatingBody: 'Прокуратура г. Астаны',
          sources: [{ kind: 'complaint', reference: complaints[0] }],
        }),
        {
          rule: 'kz.cases.joined',
          code: 'case.allegation-in-other-case',
          params: { reference: complaints[0], number: A },
        },
      );
      // Into this very case again: the decider's refusal, naming the rule too.
      refused(
        await post(`/cases/${ids.A}/allegations`, {
          source: { kind: 'complaint', reference: complaints[1] },
          joinedOn: '2026-02-01',
        }),
        { rule: 'kz.cases.joined', code: 'case.allegation-in-case', params: { reference: complaints[1] } },
      );
      at('2026-02-01T06:00:00.000Z');
      await addDocument('A', 'opening', {
        kind: 'decision',
        title: 'Постановление о начале досудебного расследования',
        dated: '2026-02-01',
        submittedBy: 'procurator',
      });
      await addDocument('A', 'refusal', {
        kind: 'decision',
        title: 'Постановление об отказе в начале досудебного расследования',
        dated: '2026-01-25',
        submittedBy: 'investigator',
      });
    });

    test('kz.torture.suspension: suspects of the register suspended in time, one late (flagged once), and no suspension of a non-suspect', async () => {
      // Ermekov: identified at 10:00 on 2 February, suspended the same evening.
      at('2026-02-02T05:10:00.000Z');
      await wrote(
        await post(`/cases/${ids.A}/suspects`, {
          officialId: officials.ermekov,
          identifiedAt: '2026-02-02T05:00:00.000Z',
        }),
      );
      at('2026-02-02T13:10:00.000Z');
      await wrote(
        await post(`/cases/${ids.A}/defendants/${officials.ermekov}/suspension`, {
          suspendedAt: '2026-02-02T13:00:00.000Z',
          orderedBy: 'Начальник ДП г. Астаны',
        }),
      );
      // Saparov: identified at 09:00 on 3 February, suspended two days later: late.
      at('2026-02-03T04:10:00.000Z');
      await wrote(
        await post(`/cases/${ids.A}/suspects`, {
          officialId: officials.saparov,
          identifiedAt: '2026-02-03T04:00:00.000Z',
        }),
      );
      // Kalieva: identified at 11:00 on 3 February, suspended at 20:00.
      at('2026-02-03T06:10:00.000Z');
      await wrote(
        await post(`/cases/${ids.A}/suspects`, {
          officialId: officials.kalieva,
          identifiedAt: '2026-02-03T06:00:00.000Z',
        }),
      );
      at('2026-02-03T15:10:00.000Z');
      await wrote(
        await post(`/cases/${ids.A}/defendants/${officials.kalieva}/suspension`, {
          suspendedAt: '2026-02-03T15:00:00.000Z',
          orderedBy: 'Начальник СУ ДП г. Астаны',
        }),
      );
      // Omarov is no suspect of case A: his suspension is refused, naming the rule.
      refused(
        await post(`/cases/${ids.A}/defendants/${officials.omarov}/suspension`, {
          suspendedAt: '2026-02-03T15:00:00.000Z',
          orderedBy: 'Начальник ДП г. Астаны',
        }),
        {
          rule: 'kz.torture.suspension',
          code: 'suspension.not-identified',
          params: { official: officials.omarov },
        },
      );
      at('2026-02-05T05:10:00.000Z');
      const late = await wrote(
        await post(`/cases/${ids.A}/defendants/${officials.saparov}/suspension`, {
          suspendedAt: '2026-02-05T05:00:00.000Z',
          orderedBy: 'Начальник ДП г. Астаны',
        }),
      );
      expect(late.findings).toEqual([
        {
          seq: expect.any(Number),
          rule: 'kz.torture.suspension',
          kind: 'flag',
          at: '2026-02-04T04:00:00.000Z',
          detail: expect.stringContaining('Сапаров Нурлан Ерикович'),
          params: {
            hours: 24,
            official: 'Сапаров Нурлан Ерикович',
            identifiedAt: '2026-02-03T04:00:00.000Z',
          },
          recordedAt: '2026-02-05T05:10:00.000Z',
        },
      ]);
      expect(
        late.clocks.map((clock) => ({
          rule: clock.rule,
          startedAt: clock.startedAt,
          endedAt: clock.endedAt,
        })),
      ).toEqual([
        {
          rule: 'kz.torture.suspension',
          startedAt: '2026-02-02T05:00:00.000Z',
          endedAt: '2026-02-02T13:00:00.000Z',
        },
        {
          rule: 'kz.torture.suspension',
          startedAt: '2026-02-03T04:00:00.000Z',
          endedAt: '2026-02-05T05:00:00.000Z',
        },
        {
          rule: 'kz.torture.suspension',
          startedAt: '2026-02-03T06:00:00.000Z',
          endedAt: '2026-02-03T15:00:00.000Z',
        },
      ]);
    });

    test('kz.cases.joined, kz.redress.fund: two allegations joined; victims; compensation paid in part, never beyond the award', async () => {
      for (const [reference, day] of [
        [complaints[2], '2026-02-10'],
        [complaints[3], '2026-02-15'],
      ] as const) {
        at(`${day}T05:00:00.000Z`);
        await wrote(
          await post(`/cases/${ids.A}/allegations`, {
            source: { kind: 'complaint', reference },
            joinedOn: day,
          }),
        );
      }
      at('2026-02-16T05:00:00.000Z');
      let view = await wrote(
        await post(`/cases/${ids.A}/victims`, {
          personId: h.personId,
          name: 'Абенов Ерлан',
          recognisedOn: '2026-02-12',
        }),
      );
      victims.abenov = view.victims.at(-1)?.victimId ?? '';
      view = await wrote(
        await post(`/cases/${ids.A}/victims`, { name: 'Серикбаев Тимур', recognisedOn: '2026-02-16' }),
      );
      victims.serikbaev = view.victims.at(-1)?.victimId ?? '';
      at('2026-02-20T05:00:00.000Z');
      view = await wrote(
        await post(`/cases/${ids.A}/redress`, {
          victimId: victims.abenov,
          by: 'victims-fund',
          category: 'torture-victim',
          purpose: 'treatment',
          amountKzt: 500_000,
          decidedOn: '2026-02-20',
        }),
      );
      redress.treatment = view.redress.at(-1)?.redressId ?? '';
      at('2026-03-01T05:00:00.000Z');
      await wrote(
        await post(`/cases/${ids.A}/redress/${redress.treatment}/payments`, {
          amountKzt: 200_000,
          paidOn: '2026-03-01',
        }),
      );
      refused(
        await post(`/cases/${ids.A}/redress/${redress.treatment}/payments`, {
          amountKzt: 400_000,
          paidOn: '2026-03-01',
        }),
        {
          rule: 'kz.redress.fund',
          code: 'redress.overpaid',
          params: { decidedKzt: 500_000, paidKzt: 200_000, amountKzt: 400_000 },
        },
      );
      for (const [official, article] of [
        [officials.ermekov, '146 ч. 2'],
        [officials.saparov, '146 ч. 2'],
        [officials.kalieva, '146 ч. 1'],
      ] as const)
        await wrote(
          await post(`/cases/${ids.A}/defendants/${official}/charges`, { article, chargedOn: '2026-03-01' }),
        );
    });

    test('kz.torture.nullity, kz.evidence.inadmissible: a decision voided (a report is no decision), evidence excluded, documents by digest', async () => {
      at('2026-03-05T05:00:00.000Z');
      await wrote(
        await post(`/cases/${ids.A}/rehabilitation`, {
          victimId: victims.abenov,
          measure: 'psychological',
          description: 'Курс психологической реабилитации, 10 сессий',
          providedOn: '2026-03-05',
        }),
      );
      await addDocument('A', 'forensic', {
        kind: 'forensic-report',
        title: 'Заключение судебно-медицинской экспертизы № 112',
        dated: '2026-02-08',
        submittedBy: 'expert',
      });
      await addDocument('A', 'interview', {
        kind: 'interview-recording',
        title: 'Видеозапись допроса потерпевшего Абенова Е.',
        dated: '2026-02-12',
        submittedBy: 'investigator',
      });
      await addDocument('A', 'defence', {
        kind: 'defence-submission',
        title: 'Ходатайство защиты о повторной экспертизе',
        dated: '2026-02-25',
        submittedBy: 'defence',
      });
      await addDocument('A', 'confession', {
        kind: 'other',
        title: 'Протокол явки с повинной Абенова Е.',
        dated: '2026-01-19',
        submittedBy: 'investigator',
      });
      refused(
        await post(`/cases/${ids.A}/nullities`, {
          documentIds: [doc('forensic')],
          basis: 'Пытки установлены',
          by: 'court',
          voidedOn: '2026-03-05',
        }),
        {
          rule: 'kz.torture.nullity',
          code: 'case.not-a-decision',
          params: { documentId: doc('forensic') },
        },
      );
      await wrote(
        await post(`/cases/${ids.A}/nullities`, {
          documentIds: [doc('refusal')],
          basis: 'Отказ вынесен на показаниях, полученных под пыткой',
          by: 'procurator',
          voidedOn: '2026-03-05',
        }),
      );
      const view = await wrote(
        await post(`/cases/${ids.A}/evidence-exclusions`, {
          description: 'Явка с повинной получена под пыткой',
          documentId: doc('confession'),
          by: 'investigating-judge',
          excludedOn: '2026-03-05',
        }),
      );
      const byId = new Map(view.documents.map((document) => [document.documentId, document]));
      expect(byId.get(doc('refusal'))?.voidedBy).toBe(view.nullities[0]?.seq);
      expect(byId.get(doc('confession'))?.excludedBy).toBe(view.exclusions[0]?.seq);
      expect(byId.get(doc('forensic'))).toMatchObject({ voidedBy: null, excludedBy: null });
    });

    test('case B, ex officio: the official of case A identified in it too (one person, two clocks), a doctor’s referral joined', async () => {
      at('2026-03-10T05:00:00.000Z');
      const opened = await wrote(
        await post('/cases', {
          number: B,
          article: '146 ч. 1',
          openedOn: '2026-03-10',
          investigatingBody: 'Прокуратура г. Астаны',
          region: 'KZ-71',
          tags: ['monitoring-visit'],
          exOfficioBasis: 'Сообщение национального превентивного механизма о следах побоев у задержанных',
        }),
        201,
      );
      ids.B = opened.id;
      expect(opened).toMatchObject({ number: B, allegations: [], status: 'investigation' });
      at('2026-03-11T05:10:00.000Z');
      await wrote(
        await post(`/cases/${ids.B}/suspects`, {
          officialId: officials.ermekov,
          identifiedAt: '2026-03-11T05:00:00.000Z',
        }),
      );
      at('2026-03-11T10:10:00.000Z');
      await wrote(
        await post(`/cases/${ids.B}/defendants/${officials.ermekov}/suspension`, {
          suspendedAt: '2026-03-11T10:00:00.000Z',
          orderedBy: 'Начальник ДП г. Астаны',
        }),
      );
      at('2026-03-12T05:00:00.000Z');
      const joined = await wrote(
        await post(`/cases/${ids.B}/allegations`, {
          source: { kind: 'medical-referral', reference: referral },
          joinedOn: '2026-03-12',
        }),
      );
      expect(joined.allegations).toEqual([
        expect.objectContaining({
          source: { kind: 'medical-referral', reference: referral },
          on: '2026-03-12',
          joined: true,
          allegedAt: expect.stringMatching(/^2026-01-22T/),
        }),
      ]);
      expect(joined.findings).toEqual([]);
    });

    test('kz.torture.sentencing: a charge away from art. 146 is recorded and flagged as a reclassification', async () => {
      at('2026-03-15T05:00:00.000Z');
      const reclassified = await wrote(
        await post(`/cases/${ids.A}/defendants/${officials.saparov}/charges`, {
          article: '362 ч. 4',
          chargedOn: '2026-03-15',
        }),
      );
      expect(reclassified.findings.at(-1)).toMatchObject({
        rule: 'kz.torture.sentencing',
        kind: 'flag',
        params: { article: '362 ч. 4', concerns: ['reclassified'] },
      });
    });

    test('case C from one allegation; that allegation cannot be joined into case A (kz.cases.joined)', async () => {
      at('2026-03-20T05:00:00.000Z');
      const opened = await wrote(
        await post('/cases', {
          number: C,
          article: '146 ч. 1',
          openedOn: '2026-03-20',
          investigatingBody: 'Прокуратура г. Астаны',
          sources: [{ kind: 'complaint', reference: complaints[4] }],
        }),
        201,
      );
      ids.C = opened.id;
      expect(opened).toMatchObject({ tags: [], region: 'KZ-71', exOfficioBasis: null });
      refused(
        await post(`/cases/${ids.A}/allegations`, {
          source: { kind: 'complaint', reference: complaints[4] },
          joinedOn: '2026-03-20',
        }),
        {
          rule: 'kz.cases.joined',
          code: 'case.allegation-in-other-case',
          params: { reference: complaints[4], number: C },
        },
      );
      at('2026-03-21T04:10:00.000Z');
      await wrote(
        await post(`/cases/${ids.C}/suspects`, {
          officialId: officials.omarov,
          identifiedAt: '2026-03-21T04:00:00.000Z',
        }),
      );
      at('2026-03-21T12:10:00.000Z');
      await wrote(
        await post(`/cases/${ids.C}/defendants/${officials.omarov}/suspension`, {
          suspendedAt: '2026-03-21T12:00:00.000Z',
          orderedBy: 'Командир батальона конвойной службы',
        }),
      );
      at('2026-03-25T05:00:00.000Z');
      await wrote(
        await post(`/cases/${ids.C}/defendants/${officials.omarov}/charges`, {
          article: '146 ч. 1',
          chargedOn: '2026-03-25',
        }),
      );
    });

    test('sent to court; case B discontinued on a forensic report and a video recording', async () => {
      at('2026-04-01T05:00:00.000Z');
      await wrote(
        await post(`/cases/${ids.A}/court-referrals`, {
          officialIds: [officials.ermekov, officials.saparov, officials.kalieva],
          court: ASTANA_COURT,
          sentOn: '2026-04-01',
        }),
      );
      at('2026-04-05T05:00:00.000Z');
      await wrote(
        await post(`/cases/${ids.C}/court-referrals`, {
          officialIds: [officials.omarov],
          court: ALMATY_COURT,
          sentOn: '2026-04-05',
        }),
      );
      await addDocument('B', 'b-forensic', {
        kind: 'forensic-report',
        title: 'Заключение судебно-медицинской экспертизы № 240',
        dated: '2026-03-20',
        submittedBy: 'expert',
      });
      await addDocument('B', 'b-video', {
        kind: 'interview-recording',
        title: 'Видеозапись доставления в ИВС 11 марта',
        dated: '2026-03-22',
        submittedBy: 'investigator',
      });
      at('2026-04-20T05:00:00.000Z');
      const discontinued = await wrote(
        await post(`/cases/${ids.B}/discontinuations`, {
          ground: 'no-crime',
          evidence: [doc('b-forensic'), doc('b-video')],
          reason: 'Телесные повреждения получены до задержания, что подтверждают экспертиза и видеозапись',
          discontinuedOn: '2026-04-20',
        }),
      );
      expect(discontinued.status).toBe('discontinued');
    });

    test('kz.torture.sentencing: a plea agreement, convicted with imprisonment, suspended (flagged), acquitted; no conviction without a sentence; an appeal changes a term', async () => {
      at('2026-04-28T05:00:00.000Z');
      const plea = await wrote(
        await post(`/cases/${ids.C}/defendants/${officials.omarov}/verdicts`, {
          court: ALMATY_COURT,
          outcome: 'convicted',
          article: '146 ч. 1',
          sentence: { penalties: [{ kind: 'restriction-of-freedom', months: 18 }] },
          pleaAgreement: true,
          decidedOn: '2026-04-28',
        }),
      );
      expect(plea.findings.at(-1)).toMatchObject({
        rule: 'kz.torture.sentencing',
        params: { article: '146 ч. 1', concerns: ['plea-bargain'] },
      });
      at('2026-05-01T05:00:00.000Z');
      refused(
        await post(`/cases/${ids.A}/defendants/${officials.ermekov}/verdicts`, {
          court: ASTANA_COURT,
          outcome: 'convicted',
          article: '146 ч. 2',
          decidedOn: '2026-05-01',
        }),
        { rule: 'kz.torture.sentencing', code: 'court-outcome.sentence-needed', params: {} },
      );
      await wrote(
        await post(`/cases/${ids.A}/defendants/${officials.ermekov}/verdicts`, {
          court: ASTANA_COURT,
          outcome: 'convicted',
          article: '146 ч. 2',
          sentence: {
            penalties: [
              { kind: 'imprisonment', months: 60 },
              { kind: 'deprivation-of-right', months: 36 },
            ],
          },
          decidedOn: '2026-05-01',
        }),
      );
      const suspended = await wrote(
        await post(`/cases/${ids.A}/defendants/${officials.saparov}/verdicts`, {
          court: ASTANA_COURT,
          outcome: 'convicted',
          article: '362 ч. 4',
          sentence: {
            penalties: [{ kind: 'imprisonment', months: 24 }],
            suspended: true,
            probationMonths: 24,
          },
          decidedOn: '2026-05-01',
        }),
      );
      expect(suspended.findings.at(-1)).toMatchObject({
        rule: 'kz.torture.sentencing',
        params: { article: '362 ч. 4', concerns: ['reclassified', 'suspended-sentence'] },
      });
      await wrote(
        await post(`/cases/${ids.A}/defendants/${officials.kalieva}/verdicts`, {
          court: ASTANA_COURT,
          outcome: 'acquitted',
          article: '146 ч. 1',
          decidedOn: '2026-05-01',
        }),
      );
      // Compensation awarded by the court, paid in full.
      const awarded = await wrote(
        await post(`/cases/${ids.A}/redress`, {
          victimId: victims.serikbaev,
          by: 'court',
          category: 'torture-victim',
          purpose: 'damages',
          amountKzt: 3_000_000,
          decidedOn: '2026-05-01',
        }),
      );
      redress.damages = awarded.redress.at(-1)?.redressId ?? '';
      at('2026-05-05T05:00:00.000Z');
      await wrote(
        await post(`/cases/${ids.A}/defendants/${officials.ermekov}/appeals`, {
          by: 'defendant',
          filedOn: '2026-05-05',
        }),
      );
      at('2026-05-20T05:00:00.000Z');
      await wrote(
        await post(`/cases/${ids.A}/redress/${redress.damages}/payments`, {
          amountKzt: 3_000_000,
          paidOn: '2026-05-20',
        }),
      );
      at('2026-05-25T05:00:00.000Z');
      const changed = await wrote(
        await post(`/cases/${ids.A}/defendants/${officials.ermekov}/appeal-decisions`, {
          court: ASTANA_APPEAL,
          result: 'changed',
          outcome: 'convicted',
          sentence: {
            penalties: [
              { kind: 'imprisonment', months: 48 },
              { kind: 'deprivation-of-right', months: 36 },
            ],
          },
          decidedOn: '2026-05-25',
        }),
      );
      // Still art. 146, not suspended: nothing more to flag.
      expect(changed.findings).toHaveLength(3);
      // Officials' details change; the earlier ones stay.
      const moved = await change(`/officials/${officials.kalieva}`, {
        name: 'Калиева Айгуль Бекболатовна',
        position: 'старший следователь',
        agency: 'investigation',
        unit: 'СУ ДП г. Астаны',
        region: 'KZ-71',
        reason: 'Назначена на новую должность',
      });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json()).toMatchObject({
        position: 'старший следователь',
        history: [{ position: 'следователь', agency: 'investigation', unit: 'СУ ДП г. Астаны' }],
      });
      at('2026-06-10T05:00:00.000Z');
    });

    test('case files read back exactly: case A, every field set', async () => {
      const response = await get(`/cases/${ids.A}`);
      expect(response.statusCode, response.body).toBe(200);
      const view = response.json() as CaseView;
      expect(view).toMatchObject({
        id: ids.A,
        number: A,
        article: '146 ч. 2',
        openedOn: '2026-02-01',
        investigatingBody: 'Прокуратура г. Астаны',
        region: 'KZ-71',
        tags: ['january-2022'],
        exOfficioBasis: null,
        status: 'decided',
      });
      expect(view.allegations).toHaveLength(4);
      expect(view.allegations.filter((allegation) => allegation.joined)).toHaveLength(2);
      expect(view.victims).toMatchObject([
        { victimId: victims.abenov, personId: h.personId, name: 'Абенов Ерлан', recognisedOn: '2026-02-12' },
        { victimId: victims.serikbaev, personId: null, name: 'Серикбаев Тимур', recognisedOn: '2026-02-16' },
      ]);
      expect(
        view.documents.map(({ kind, title, dated, submittedBy, digest, stored }) => ({
          kind,
          title,
          dated,
          submittedBy,
          digest,
          stored,
        })),
      ).toEqual(
        [
          ['decision', 'Постановление о начале досудебного расследования', '2026-02-01', 'procurator'],
          [
            'decision',
            'Постановление об отказе в начале досудебного расследования',
            '2026-01-25',
            'investigator',
          ],
          ['forensic-report', 'Заключение судебно-медицинской экспертизы № 112', '2026-02-08', 'expert'],
          [
            'interview-recording',
            'Видеозапись допроса потерпевшего Абенова Е.',
            '2026-02-12',
            'investigator',
          ],
          ['defence-submission', 'Ходатайство защиты о повторной экспертизе', '2026-02-25', 'defence'],
          ['other', 'Протокол явки с повинной Абенова Е.', '2026-01-19', 'investigator'],
        ].map(([kind, title, dated, submittedBy]) => ({
          kind,
          title,
          dated,
          submittedBy,
          digest: digestOf(`${title}, ${dated}`),
          stored: false,
        })),
      );
      // Each document is the entry that recorded it: its seq is of this case's stream, of type document-added.
      const stream = await h.store.readStream(`case/${ids.A}`);
      for (const document of view.documents) {
        const entry = stream.find((stored) => stored.entry.seq === document.seq);
        expect(entry?.entry.type).toBe('document-added');
        expect(entry?.payload).toMatchObject({ documentId: document.documentId, digest: document.digest });
      }
      expect(view.nullities).toMatchObject([
        { documentIds: [doc('refusal')], by: 'procurator', voidedOn: '2026-03-05' },
      ]);
      expect(view.exclusions).toMatchObject([
        {
          documentId: doc('confession'),
          by: 'investigating-judge',
          excludedOn: '2026-03-05',
          description: 'Явка с повинной получена под пыткой',
        },
      ]);
      const [ermekov, saparov, kalieva] = view.defendants;
      expect(ermekov).toMatchObject({
        officialId: officials.ermekov,
        name: 'Ермеков Бауыржан Маратович',
        position: 'оперуполномоченный',
        agency: 'police',
        stage: 'convicted',
        identifiedAt: '2026-02-02T05:00:00.000Z',
        suspension: { suspendedAt: '2026-02-02T13:00:00.000Z', orderedBy: 'Начальник ДП г. Астаны' },
        charges: [{ article: '146 ч. 2', chargedOn: '2026-03-01' }],
        court: { ...ASTANA_COURT, sentOn: '2026-04-01' },
        verdicts: [
          {
            court: ASTANA_COURT,
            outcome: 'convicted',
            article: '146 ч. 2',
            sentence: {
              penalties: [
                { kind: 'imprisonment', months: 60, amountKzt: null },
                { kind: 'deprivation-of-right', months: 36, amountKzt: null },
              ],
              suspended: false,
              probationMonths: null,
            },
            pleaAgreement: false,
            decidedOn: '2026-05-01',
          },
        ],
        appeals: [
          {
            by: 'defendant',
            filedOn: '2026-05-05',
            decided: { court: ASTANA_APPEAL, result: 'changed', decidedOn: '2026-05-25' },
          },
        ],
        final: {
          outcome: 'convicted',
          article: '146 ч. 2',
          sentence: {
            penalties: [
              { kind: 'imprisonment', months: 48, amountKzt: null },
              { kind: 'deprivation-of-right', months: 36, amountKzt: null },
            ],
            suspended: false,
            probationMonths: null,
          },
          pleaAgreement: false,
        },
        reclassified: false,
      });
      expect(saparov).toMatchObject({
        officialId: officials.saparov,
        stage: 'convicted',
        charges: [
          { article: '146 ч. 2', chargedOn: '2026-03-01' },
          { article: '362 ч. 4', chargedOn: '2026-03-15' },
        ],
        final: {
          outcome: 'convicted',
          article: '362 ч. 4',
          sentence: {
            penalties: [{ kind: 'imprisonment', months: 24, amountKzt: null }],
            suspended: true,
            probationMonths: 24,
          },
          pleaAgreement: false,
        },
        reclassified: true,
      });
      expect(kalieva).toMatchObject({
        officialId: officials.kalieva,
        // As the register holds them now.
        position: 'старший следователь',
        agency: 'investigation',
        stage: 'acquitted',
        final: { outcome: 'acquitted', article: '146 ч. 1', sentence: null, pleaAgreement: false },
        reclassified: false,
      });
      expect(view.redress).toMatchObject([
        {
          redressId: redress.treatment,
          victimId: victims.abenov,
          by: 'victims-fund',
          category: 'torture-victim',
          purpose: 'treatment',
          amountKzt: 500_000,
          decidedOn: '2026-02-20',
          payments: [{ amountKzt: 200_000, paidOn: '2026-03-01' }],
          paidKzt: 200_000,
          daysFromAllegation: null,
        },
        {
          redressId: redress.damages,
          victimId: victims.serikbaev,
          by: 'court',
          category: 'torture-victim',
          purpose: 'damages',
          amountKzt: 3_000_000,
          decidedOn: '2026-05-01',
          payments: [{ amountKzt: 3_000_000, paidOn: '2026-05-20' }],
          paidKzt: 3_000_000,
          // From the first allegation (20 January) to the payment that completed the award.
          daysFromAllegation: 120,
        },
      ]);
      expect(view.rehabilitation).toMatchObject([
        {
          victimId: victims.abenov,
          measure: 'psychological',
          description: 'Курс психологической реабилитации, 10 сессий',
          providedOn: '2026-03-05',
        },
      ]);
      expect(view.findings.map((finding) => [finding.rule, finding.params])).toEqual([
        [
          'kz.torture.suspension',
          { hours: 24, official: 'Сапаров Нурлан Ерикович', identifiedAt: '2026-02-03T04:00:00.000Z' },
        ],
        [
          'kz.torture.sentencing',
          { article: '362 ч. 4', decidedAt: '2026-03-14T19:00:00.000Z', concerns: ['reclassified'] },
        ],
        [
          'kz.torture.sentencing',
          {
            article: '362 ч. 4',
            decidedAt: '2026-04-30T19:00:00.000Z',
            concerns: ['reclassified', 'suspended-sentence'],
          },
        ],
      ]);
    });
    test('case files read back exactly: case B (ex officio, discontinued) and case C (a plea agreement before an Almaty court)', async () => {
      const b = (await get(`/cases/${ids.B}`)).json() as CaseView;
      expect(b).toMatchObject({
        id: ids.B,
        number: B,
        article: '146 ч. 1',
        openedOn: '2026-03-10',
        investigatingBody: 'Прокуратура г. Астаны',
        region: 'KZ-71',
        tags: ['monitoring-visit'],
        exOfficioBasis: 'Сообщение национального превентивного механизма о следах побоев у задержанных',
        status: 'discontinued',
        victims: [],
        redress: [],
        findings: [],
      });
      expect(b.allegations).toHaveLength(1);
      expect(b.discontinuations).toMatchObject([
        {
          ground: 'no-crime',
          evidence: [doc('b-forensic'), doc('b-video')],
          reason: 'Телесные повреждения получены до задержания, что подтверждают экспертиза и видеозапись',
          discontinuedOn: '2026-04-20',
          resumed: null,
        },
      ]);
      expect(b.documents.map((document) => document.documentId)).toEqual([doc('b-forensic'), doc('b-video')]);
      expect(b.defendants).toMatchObject([
        {
          officialId: officials.ermekov,
          identifiedAt: '2026-03-11T05:00:00.000Z',
          suspension: { suspendedAt: '2026-03-11T10:00:00.000Z' },
          charges: [],
          court: null,
        },
      ]);

      const c = (await get(`/cases/${ids.C}`)).json() as CaseView;
      expect(c).toMatchObject({
        id: ids.C,
        number: C,
        article: '146 ч. 1',
        openedOn: '2026-03-20',
        tags: [],
        exOfficioBasis: null,
        status: 'decided',
        allegations: [
          {
            source: { kind: 'complaint', reference: complaints[4] },
            on: '2026-03-20',
            joined: false,
          },
        ],
      });
      expect(c.defendants).toMatchObject([
        {
          officialId: officials.omarov,
          name: 'Омаров Данияр Серикович',
          position: 'конвоир',
          agency: 'police',
          stage: 'convicted',
          identifiedAt: '2026-03-21T04:00:00.000Z',
          suspension: {
            suspendedAt: '2026-03-21T12:00:00.000Z',
            orderedBy: 'Командир батальона конвойной службы',
          },
          charges: [{ article: '146 ч. 1', chargedOn: '2026-03-25' }],
          court: { ...ALMATY_COURT, sentOn: '2026-04-05' },
          final: {
            outcome: 'convicted',
            article: '146 ч. 1',
            sentence: {
              penalties: [{ kind: 'restriction-of-freedom', months: 18, amountKzt: null }],
              suspended: false,
              probationMonths: null,
            },
            pleaAgreement: true,
          },
          reclassified: false,
        },
      ]);
      expect(c.findings.map((finding) => [finding.rule, finding.params])).toEqual([
        [
          'kz.torture.sentencing',
          { article: '146 ч. 1', decidedAt: '2026-04-27T19:00:00.000Z', concerns: ['plea-bargain'] },
        ],
      ]);
    });

    test('the list of cases, with its filters: status, tag, number', async () => {
      const numbers = async (query: string, who: Who = 'procurator') => {
        const response = await get(`/cases${query}`, who);
        expect(response.statusCode, response.body).toBe(200);
        return (response.json() as { cases: CaseListRow[] }).cases.map((row) => row.number);
      };
      // Newest first.
      expect(await numbers('')).toEqual([C, B, A]);
      const rows = ((await get('/cases')).json() as { cases: CaseListRow[] }).cases;
      expect(rows).toEqual([
        {
          id: ids.C,
          number: C,
          article: '146 ч. 1',
          openedOn: '2026-03-20',
          investigatingBody: 'Прокуратура г. Астаны',
          region: 'KZ-71',
          tags: [],
          exOfficio: false,
          status: 'decided',
          allegations: 1,
          defendants: 1,
        },
        {
          id: ids.B,
          number: B,
          article: '146 ч. 1',
          openedOn: '2026-03-10',
          investigatingBody: 'Прокуратура г. Астаны',
          region: 'KZ-71',
          tags: ['monitoring-visit'],
          exOfficio: true,
          status: 'discontinued',
          allegations: 1,
          defendants: 1,
        },
        {
          id: ids.A,
          number: A,
          article: '146 ч. 2',
          openedOn: '2026-02-01',
          investigatingBody: 'Прокуратура г. Астаны',
          region: 'KZ-71',
          tags: ['january-2022'],
          exOfficio: false,
          status: 'decided',
          allegations: 4,
          defendants: 3,
        },
      ]);
      expect(await numbers('?status=decided')).toEqual([C, A]);
      expect(await numbers('?status=discontinued')).toEqual([B]);
      expect(await numbers('?status=investigation')).toEqual([]);
      expect(await numbers('?tag=january-2022')).toEqual([A]);
      expect(await numbers('?tag=monitoring-visit')).toEqual([B]);
      expect(await numbers('?tag=january')).toEqual([]);
      expect(await numbers(`?number=${A}`)).toEqual([A]);
      expect(await numbers('?number=2615000310003')).toEqual([C]);
      expect(await numbers('?status=decided&tag=january-2022')).toEqual([A]);
      expect(await numbers('?region=KZ-75')).toEqual([]);
      expect(await numbers('?from=2026-03-01&to=2026-03-15')).toEqual([B]);
      // A page at a time.
      const first = (await get('/cases?limit=2')).json() as { cases: CaseListRow[]; next: string };
      expect(first.cases.map((row) => row.number)).toEqual([C, B]);
      expect(await numbers(`?limit=2&cursor=${encodeURIComponent(first.next)}`)).toEqual([A]);
    });

    test('statistics: every count is the known number (kz.cases.joined, kz.torture.suspension, kz.torture.sentencing, kz.redress.fund)', async () => {
      const expected: CaseStatistics = {
        cases: 3,
        byStatus: { investigation: 0, 'in-court': 0, decided: 2, discontinued: 1 },
        // 4 in case A (2 joined), the referral joined into B, 1 in C.
        allegations: 6,
        joined: 3,
        exOfficio: 1,
        // Ermekov is one person but a defendant of two cases.
        defendants: 5,
        byStage: { convicted: 3, acquitted: 1, discontinued: 1 },
        suspended: 5,
        suspendedWithinHours: 4,
        reclassified: 1,
        suspendedSentences: 1,
        pleaAgreements: 1,
        compensationDecided: 2,
        compensationPaid: 1,
        amountDecidedKzt: 3_500_000,
        amountPaidKzt: 3_200_000,
      };
      for (const who of ['procurator', 'monitor', 'statistician', 'judge'] as const) {
        const response = await get('/cases/statistics', who);
        expect(response.statusCode, `${who}: ${response.body}`).toBe(200);
        expect(response.json(), who).toEqual(expected);
      }
      // In a region with no case, and before any case was opened: nothing.
      const none = (await get('/cases/statistics', 'monitor@KZ-75')).json() as CaseStatistics;
      expect(none).toMatchObject({ cases: 0, allegations: 0, defendants: 0, amountPaidKzt: 0 });
      expect((await get('/cases/statistics?to=2026-01-31')).json()).toMatchObject({ cases: 0 });
      // Opened in March: B and C.
      expect((await get('/cases/statistics?from=2026-03-01')).json()).toMatchObject({
        cases: 2,
        allegations: 2,
        joined: 1,
        defendants: 2,
        pleaAgreements: 1,
        compensationDecided: 0,
      });
      // Counts carry no personal data.
      const body = (await get('/cases/statistics', 'monitor')).body;
      for (const text of ['Ермеков', 'Абенов', A, ids.A]) expect(body).not.toContain(text);
    });

    test('officials as people: the register searched by name, one official named in two cases', async () => {
      const search = async (query: string) => {
        const response = await get(`/officials${query}`);
        expect(response.statusCode, response.body).toBe(200);
        return (response.json() as { officials: { id: string; name: string }[] }).officials.map(
          (official) => official.name,
        );
      };
      expect(await search('')).toEqual([
        'Ермеков Бауыржан Маратович',
        'Калиева Айгуль Бекболатовна',
        'Омаров Данияр Серикович',
        'Сапаров Нурлан Ерикович',
      ]);
      expect(await search('?q=ЕРМЕК')).toEqual(['Ермеков Бауыржан Маратович']);
      expect(await search(`?q=${encodeURIComponent('айгуль')}`)).toEqual(['Калиева Айгуль Бекболатовна']);
      expect(await search('?q=сапаров')).toEqual(['Сапаров Нурлан Ерикович']);
      // Any part of the name: the patronymic too.
      expect(await search(`?q=${encodeURIComponent('серикович')}`)).toEqual(['Омаров Данияр Серикович']);
      expect(await search('?region=KZ-75')).toEqual([]);
      const listed = ((await get('/officials?q=Омаров')).json() as { officials: unknown[] }).officials;
      expect(listed).toEqual([
        {
          id: officials.omarov,
          name: 'Омаров Данияр Серикович',
          position: 'конвоир',
          agency: 'police',
          region: 'KZ-71',
          facilityId: null,
          unit: 'батальон конвойной службы',
        },
      ]);

      const response = await get(`/officials/${officials.ermekov}`);
      expect(response.statusCode, response.body).toBe(200);
      const ermekov = response.json() as OfficialView;
      expect(ermekov).toMatchObject({
        id: officials.ermekov,
        name: 'Ермеков Бауыржан Маратович',
        position: 'оперуполномоченный',
        agency: 'police',
        facilityId: h.facilities.astana,
        unit: null,
        region: 'KZ-71',
        history: [],
      });
      expect(ermekov.cases).toEqual([
        {
          caseId: ids.A,
          number: A,
          stage: 'convicted',
          identifiedAt: '2026-02-02T05:00:00.000Z',
          suspendedAt: '2026-02-02T13:00:00.000Z',
        },
        {
          caseId: ids.B,
          number: B,
          stage: 'discontinued',
          identifiedAt: '2026-03-11T05:00:00.000Z',
          suspendedAt: '2026-03-11T10:00:00.000Z',
        },
      ]);
      // A judge of Almaty sees the official, but neither of these cases (before Astana's court, or none).
      const almaty = (await get(`/officials/${officials.ermekov}`, 'judge@KZ-75')).json() as OfficialView;
      expect(almaty.cases).toEqual([]);
      const astana = (await get(`/officials/${officials.ermekov}`, 'judge@KZ-71')).json() as OfficialView;
      expect(astana.cases?.map((item) => item.number)).toEqual([A]);
      // Unknown: 404.
      expect((await get('/officials/no-such-official')).statusCode).toBe(404);
    });

    test('scope: a procurator of another region cannot list, read or write the case', async () => {
      const list = await get('/cases', 'procurator@KZ-75');
      expect(list.statusCode).toBe(200);
      expect((list.json() as { cases: unknown[] }).cases).toEqual([]);
      for (const key of ['A', 'B', 'C'] as const) {
        const read = await get(`/cases/${ids[key]}`, 'procurator@KZ-75');
        expect(read.statusCode).toBe(404);
        expect(read.body).not.toContain(key === 'A' ? A : key === 'B' ? B : C);
      }
      const writes = [
        post(
          `/cases/${ids.A}/documents`,
          {
            kind: 'other',
            title: 'Чужой документ',
            dated: '2026-06-01',
            submittedBy: 'procurator',
            digest: digestOf('чужой'),
          },
          'procurator@KZ-75',
        ),
        post(
          `/cases/${ids.A}/allegations`,
          { source: { kind: 'complaint', reference: complaints[0] }, joinedOn: '2026-06-01' },
          'procurator@KZ-75',
        ),
        post(
          `/cases/${ids.A}/suspects`,
          { officialId: officials.omarov, identifiedAt: '2026-06-10T04:00:00.000Z' },
          'procurator@KZ-75',
        ),
        post(
          `/cases/${ids.A}/redress/${redress.treatment}/payments`,
          { amountKzt: 1, paidOn: '2026-06-01' },
          'procurator@KZ-75',
        ),
        post(
          `/cases/${ids.A}/defendants/${officials.kalieva}/appeals`,
          { by: 'procurator', filedOn: '2026-06-01' },
          'procurator@KZ-75',
        ),
      ];
      for (const write of await Promise.all(writes)) expect(write.statusCode, write.body).toBe(404);
      // Nor open a case in Astana, nor take an allegation of an Astana facility.
      const opened = await post(
        '/cases',
        {
          number: '261500031000404',
          article: '146',
          openedOn: '2026-06-01',
          investigatingBody: 'Прокуратура г. Алматы',
          region: 'KZ-71',
          exOfficioBasis: 'Сообщение',
        },
        'procurator@KZ-75',
      );
      expect(opened.statusCode).toBe(422);
      const taken = await post(
        '/cases',
        {
          number: '261500031000405',
          article: '146',
          openedOn: '2026-06-01',
          investigatingBody: 'Прокуратура г. Алматы',
          region: 'KZ-75',
          sources: [{ kind: 'complaint', reference: complaints[0] }],
        },
        'procurator@KZ-75',
      );
      expect(taken.statusCode).toBe(422);
      expect(problemOf(taken).rule).toBe('kz.torture.referral');
      // Nothing of this was written.
      const a = (await get(`/cases/${ids.A}`)).json() as CaseView;
      expect(a.documents).toHaveLength(6);
      expect(a.allegations).toHaveLength(4);
      expect(((await get('/cases')).json() as { cases: unknown[] }).cases).toHaveLength(3);
    });

    test('scope: a judge sees only the cases with a defendant sent to a court of their region, and writes nothing', async () => {
      const numbers = async (who: Who) =>
        ((await get('/cases', who)).json() as { cases: CaseListRow[] }).cases.map((row) => row.number);
      expect(await numbers('judge@KZ-71')).toEqual([A]);
      expect(await numbers('judge@KZ-75')).toEqual([C]);
      // A national judge: every case before a court, never one still with the procurator (B).
      expect(await numbers('judge')).toEqual([C, A]);
      expect((await get(`/cases/${ids.A}`, 'judge@KZ-71')).statusCode).toBe(200);
      expect((await get(`/cases/${ids.C}`, 'judge@KZ-75')).statusCode).toBe(200);
      for (const [who, key] of [
        ['judge@KZ-71', 'B'],
        ['judge@KZ-71', 'C'],
        ['judge@KZ-75', 'A'],
        ['judge@KZ-75', 'B'],
        ['judge', 'B'],
      ] as const)
        expect((await get(`/cases/${ids[key]}`, who)).statusCode, `${who} ${key}`).toBe(404);
      const write = await post(
        `/cases/${ids.A}/rehabilitation`,
        {
          victimId: victims.abenov,
          measure: 'legal',
          description: 'Юридическая помощь',
          providedOn: '2026-06-01',
        },
        'judge@KZ-71',
      );
      expect(write.statusCode).toBe(403);
    });

    test('scope: the monitor and the statistician get counts, never a case; no facility role, administrator or complaints officer reaches a case', async () => {
      for (const who of ['monitor', 'statistician', 'monitor@KZ-75'] as const) {
        expect((await get('/cases/statistics', who)).statusCode).toBe(200);
        expect((await get('/cases', who)).statusCode).toBe(403);
        expect((await get(`/cases/${ids.A}`, who)).statusCode).toBe(403);
        expect((await get('/officials', who)).statusCode).toBe(403);
        expect((await get(`/officials/${officials.ermekov}`, who)).statusCode).toBe(403);
      }
      for (const who of [
        'custody-officer',
        'prison-officer',
        'governor',
        'medical',
        'kiosk',
        'admin',
        'complaints-officer',
      ] as const)
        for (const url of [
          '/cases',
          '/cases/statistics',
          `/cases/${ids.A}`,
          '/officials',
          `/officials/${officials.ermekov}`,
        ]) {
          const response = await get(url, who);
          expect(response.statusCode, `${who} ${url}`).toBe(403);
          expect(response.body).not.toContain('Ермеков');
        }
    });

    test('every read of a case is a record-read entry in audit/case/<id>, with who and why', async () => {
      const reads = async (caseId: string) =>
        (await h.store.readStream(`audit/case/${caseId}`)).filter(
          (stored) => stored.entry.type === 'record-read',
        );
      const before = (await reads(ids.A)).length;
      expect(before).toBeGreaterThan(0);
      const purposed = await h.app.inject({
        url: `/api/v1/cases/${ids.A}`,
        headers: { ...h.bearer('procurator'), 'x-habeas-purpose': 'Надзор за расследованием' },
      });
      expect(purposed.statusCode).toBe(200);
      expect(
        (
          await get(
            `/cases/${ids.A}?purpose=${encodeURIComponent('Судебное разбирательство')}`,
            'judge@KZ-71',
          )
        ).statusCode,
      ).toBe(200);
      const after = await reads(ids.A);
      expect(after).toHaveLength(before + 2);
      expect(after.slice(-2).map((stored) => stored.payload)).toEqual([
        expect.objectContaining({
          subject: `case/${ids.A}`,
          actorRole: 'procurator',
          purpose: 'Надзор за расследованием',
          purposeStated: true,
        }),
        expect.objectContaining({
          subject: `case/${ids.A}`,
          actorRole: 'judge',
          purpose: 'Судебное разбирательство',
          purposeStated: true,
        }),
      ]);
      // A refused read is not a read; a read out of scope (404) neither.
      await get(`/cases/${ids.A}`, 'monitor');
      await get(`/cases/${ids.A}`, 'procurator@KZ-75');
      expect(await reads(ids.A)).toHaveLength(before + 2);
      // A list read names the cases it showed; an official's record is audited as theirs.
      await get('/cases?tag=january-2022');
      const lists = await h.store.readStream('audit/case-list');
      expect(lists.at(-1)?.payload).toMatchObject({ records: [`case/${ids.A}`] });
      const official = await h.store.readStream(`audit/official/${officials.ermekov}`);
      expect(official.filter((stored) => stored.entry.type === 'record-read').length).toBeGreaterThan(0);
    });
  });

  describe(`kz.torture.suspension via the scheduler (${engine})`, () => {
    let h: Harness;
    let now = Date.parse('2026-07-01T04:00:00.000Z');
    let scheduler: ClockScheduler;
    let caseId = '';

    beforeAll(async () => {
      h = await startHarness(engine, { clock: () => new Date(now) });
      scheduler = new ClockScheduler(h.app.habeas, { clock: () => new Date(now) });
    });
    afterAll(async () => h?.close());

    test('kz.torture.suspension: an official not suspended within 24 h is flagged by the scheduler, once', async () => {
      const post = (url: string, payload: unknown) =>
        h.app.inject({
          method: 'POST',
          url: `/api/v1${url}`,
          headers: h.bearer('procurator'),
          payload: payload as object,
        });
      const official = await post('/officials', {
        name: 'Жаксылыков Арман',
        position: 'участковый инспектор',
        agency: 'police',
        region: 'KZ-71',
      });
      expect(official.statusCode, official.body).toBe(201);
      const officialId = (official.json() as { id: string }).id;
      const opened = await post('/cases', {
        number: '261500031000777',
        article: '146 ч. 1',
        openedOn: '2026-07-01',
        investigatingBody: 'Прокуратура г. Астаны',
        region: 'KZ-71',
        exOfficioBasis: 'Рапорт об обнаружении признаков пытки',
      });
      expect(opened.statusCode, opened.body).toBe(201);
      caseId = (opened.json() as CaseView).id;
      const identifiedAt = new Date(now).toISOString();
      expect((await post(`/cases/${caseId}/suspects`, { officialId, identifiedAt })).statusCode).toBe(200);
      const view = async () => {
        const response = await h.app.inject({
          url: `/api/v1/cases/${caseId}`,
          headers: h.bearer('procurator'),
        });
        expect(response.statusCode).toBe(200);
        return response.json() as CaseView;
      };
      now += 23 * 3_600_000;
      await scheduler.tick();
      expect((await view()).findings).toEqual([]);
      expect((await view()).clocks[0]).toMatchObject({ rule: 'kz.torture.suspension', state: 'running' });

      now += 2 * 3_600_000;
      const first = await scheduler.tick();
      expect(first.cases).toBe(1);
      const flagged = await view();
      expect(flagged.findings).toEqual([
        {
          seq: expect.any(Number),
          rule: 'kz.torture.suspension',
          kind: 'flag',
          at: new Date(Date.parse(identifiedAt) + 24 * 3_600_000).toISOString(),
          detail: expect.stringContaining('Жаксылыков Арман'),
          params: { hours: 24, official: 'Жаксылыков Арман', identifiedAt },
          recordedAt: new Date(now).toISOString(),
        },
      ]);
      const entries = (await h.store.readStream(`case/${caseId}`)).filter(
        (stored) => stored.entry.type === 'finding-recorded',
      );
      expect(entries).toHaveLength(1);
      expect(entries[0]?.entry.actor).toMatch(/scheduler/);

      now += 3_600_000;
      await scheduler.tick();
      now += 48 * 3_600_000;
      await scheduler.tick();
      expect((await view()).findings).toHaveLength(1);
      // The late suspension that follows adds none either.
      const suspended = await post(`/cases/${caseId}/defendants/${officialId}/suspension`, {
        suspendedAt: new Date(now).toISOString(),
        orderedBy: 'Начальник ДП г. Астаны',
      });
      expect(suspended.statusCode, suspended.body).toBe(200);
      expect((suspended.json() as CaseView).findings).toHaveLength(1);
      expect(
        (await h.store.readStream(`case/${caseId}`)).filter(
          (stored) => stored.entry.type === 'finding-recorded',
        ),
      ).toHaveLength(1);
    });
  });
}
