import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Principal, Role } from '../../src/access/principal.js';
import { createToken } from '../../src/app/accounts.js';
import type { CustodyView, FindingView } from '../../src/app/custody-views.js';
import { recordExamination } from '../../src/app/medical.js';
import { appendEpisodeFact, episodeFactOf } from '../../src/app/medical-episode.js';
import type { StayView } from '../../src/app/prison-views.js';
import { createFacility, createPerson } from '../../src/app/registry.js';
import { ClockScheduler } from '../../src/clocks/scheduler.js';
import { MEDICAL_ENTRY_TYPE, medicalStream } from '../../src/domain/medical/events.js';
import type { Store } from '../../src/store/types.js';
import { ENGINES } from '../support/engines.js';
import { faultyStore, problemOf, startHarness, type Harness } from './harness.js';

/*
 * The doctor's own record meets the clocks of custody and prison, and kz.medical.report-duty is
 * found from the read models, through the real HTTP server on both engines (issue 19 items 2 and
 * 6). The scheduler is ticked by hand; time is the server's injected clock, moved forward.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.parse('2026-06-01T04:00:00.000Z'); // 09:00 in Kazakhstan
const KDF = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };
const PASSPHRASE = 'сары күз, ұзын жол, Есіл жағасы';
const CLINICAL = 'Кровоподтёк 3×4 см на левом плече';

for (const engine of ENGINES) {
  describe(`the doctor's record meets the clocks (${engine})`, () => {
    let h: Harness;
    let now = START;
    let scheduler: ClockScheduler;
    let prison: string;
    const tokens: Partial<Record<string, string>> = {};
    const accounts: Partial<Record<string, string>> = {};
    const iso = (ms: number = now) => new Date(ms).toISOString();

    type Actor = 'officer' | 'governor' | 'doctor' | Role;
    const auth = (actor: Actor) => ({ authorization: `Bearer ${tokens[actor] ?? h.tokens[actor as Role]}` });

    async function post(url: string, actor: Actor, payload: unknown) {
      return h.app.inject({ method: 'POST', url, headers: auth(actor), payload: payload as object });
    }

    async function person(facilityId: string): Promise<string> {
      return (
        await createPerson(
          h.store,
          { familyName: 'Нұрланов', givenNames: 'Ерлан', birthDate: '1991-04-12', sex: 'male', facilityId },
          'test',
        )
      ).id;
    }

    async function arrested(): Promise<{ personId: string; custodyId: string }> {
      const personId = await person(h.facilities.astana);
      const response = await post('/api/v1/custody', 'custody-officer', {
        personId,
        facilityId: h.facilities.astana,
        apprehendedAt: iso(now - HOUR),
        place: 'ул. Кенесары 40, Астана',
        grounds: 'ст. 188 УК РК',
        arrestingOfficer: 'ст. лейтенант Ахметов Б.',
      });
      expect(response.statusCode, response.body).toBe(201);
      return { personId, custodyId: (response.json() as CustodyView).id };
    }

    async function admitted(): Promise<{ personId: string; stayId: string }> {
      const personId = await person(prison);
      const response = await post('/api/v1/prison/admissions', 'officer', {
        personId,
        facilityId: prison,
        admittedAt: iso(now - HOUR),
        commitmentOrder: { reference: '2-77/2026', authority: 'Есильский районный суд г. Астаны' },
      });
      expect(response.statusCode, response.body).toBe(201);
      return { personId, stayId: (response.json() as StayView).id };
    }

    type Examined = {
      examinationId: string;
      seq: number;
      episodeFact: { context: string; id: string; seq: number | null; problem: string | null } | null;
    };

    async function examine(personId: string, payload: Record<string, unknown>): Promise<Examined> {
      const response = await post(`/api/v1/medical/people/${personId}/examinations`, 'doctor', {
        at: iso(),
        place: 'медицинский кабинет',
        notes: CLINICAL,
        ...payload,
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json() as Examined;
    }

    async function custody(custodyId: string): Promise<CustodyView> {
      const response = await h.app.inject({ url: `/api/v1/custody/${custodyId}`, headers: auth('monitor') });
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as CustodyView;
    }

    async function stay(stayId: string): Promise<StayView> {
      const response = await h.app.inject({
        url: `/api/v1/prison/stays/${stayId}`,
        headers: auth('officer'),
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as StayView;
    }

    const reportDuty = (findings: FindingView[]) =>
      findings.filter((finding) => finding.rule === 'kz.medical.report-duty');

    /** Every entry type of the person's medical record, in order. */
    async function medicalEntries(personId: string): Promise<string[]> {
      const row = await h.store.db
        .selectFrom('medical_records')
        .select('id')
        .where('person_id', '=', personId)
        .executeTakeFirst();
      if (!row) return [];
      return (await h.store.readStream(medicalStream(row.id))).map((stored) => stored.entry.type);
    }

    function report(examinationId: string) {
      return {
        examinationId,
        consent: { examination: 'given', photographs: 'refused', sharingWithProcurator: 'refused' },
        circumstances: { description: 'Осмотр в медицинском кабинете ИВС, без конвоя.' },
        account: { text: 'Упал на лестнице при задержании.', language: 'ru', attributedTo: 'self' },
        physicalFindings: [
          {
            type: 'bruise',
            site: { view: 'front', region: 'shoulder-left' },
            size: { lengthMm: 40, widthMm: 30 },
            shape: 'oval',
            colour: 'blue-purple',
            estimatedAge: '1–2 days',
            photographs: [],
            consistency: 'consistent',
          },
        ],
        psychologicalFindings: { text: 'Спокоен.', consistency: 'not-consistent' },
        opinion: { overall: 'consistent', interpretation: 'Соответствует падению.' },
        treatment: { given: 'Холод.' },
      };
    }

    beforeAll(async () => {
      h = await startHarness(engine, { clock: () => new Date(now), clinicianKdf: KDF });
      scheduler = new ClockScheduler(h.app.habeas, { clock: () => new Date(now) });
      prison = (
        await createFacility(
          h.store,
          { name: 'Учреждение ЕЦ-166/6', kind: 'prison', population: 'mixed', region: 'KZ-AST' } as never,
          'test',
        )
      ).id;
      const token = async (name: string, role: Role, facilities: string[]) => {
        const created = await createToken(
          h.store,
          { role, name: `${name} test`, facilities, regions: [] },
          'test',
        );
        tokens[name] = created.token;
        accounts[name] = created.id;
      };
      await token('officer', 'prison-officer', [prison]);
      await token('governor', 'governor', [prison]);
      await token('doctor', 'medical', [h.facilities.astana, prison]);
      const key = await post('/api/v1/medical/key', 'doctor', { passphrase: PASSPHRASE });
      expect(key.statusCode, key.body).toBe(201);
    });
    afterAll(async () => h?.close());

    test('kz.custody.medical: the doctor’s examination on arrest meets the clock, by the clinician, and nothing clinical reaches the episode', async () => {
      const { personId, custodyId } = await arrested();
      const examined = await examine(personId, {
        examination: 'on-arrest',
        episode: { context: 'custody', id: custodyId },
        injuriesNoted: true,
      });
      expect(examined.episodeFact).toMatchObject({ context: 'custody', id: custodyId, problem: null });
      expect(examined.episodeFact?.seq).toEqual(expect.any(Number));
      const view = await custody(custodyId);
      expect(view.clocks.find((clock) => clock.rule === 'kz.custody.medical')?.state).toBe('met');
      const entry = view.timeline.find((item) => item.type === 'medical-examined');
      expect(entry).toMatchObject({
        seq: examined.episodeFact?.seq,
        details: { examinedBy: 'doctor test', injuriesSeen: true, examinationId: examined.examinationId },
      });
      const raw = await h.app.inject({
        url: `/api/v1/custody/${custodyId}`,
        headers: auth('custody-officer'),
      });
      expect(raw.body).not.toContain(CLINICAL);
      expect(raw.body).not.toContain('медицинский кабинет');
    });

    test('kz.admission.medical: the doctor’s examination on admission, with HIV and TB screening, meets the clock', async () => {
      const { personId, stayId } = await admitted();
      expect((await stay(stayId)).clocks.find((clock) => clock.rule === 'kz.admission.medical')?.state).toBe(
        'running',
      );
      const examined = await examine(personId, {
        examination: 'on-admission',
        episode: { context: 'prison', id: stayId },
        screening: { hiv: 'done', tb: 'declined' },
      });
      expect(examined.episodeFact).toMatchObject({ context: 'prison', id: stayId, problem: null });
      const view = await stay(stayId);
      expect(view.clocks.find((clock) => clock.rule === 'kz.admission.medical')?.state).toBe('met');
      expect(view.timeline.find((item) => item.type === 'medical-examined')?.details).toMatchObject({
        examinedBy: 'doctor test',
        purpose: 'admission',
        hivScreening: 'done',
        tbScreening: 'declined',
        bodilyHarm: false,
      });
      expect(JSON.stringify(view)).not.toContain(CLINICAL);
    });

    test('kz.discipline.medical-before: the doctor’s fit allows the placement; the doctor’s unfit refuses it', async () => {
      const fit = await admitted();
      await examine(fit.personId, {
        examination: 'before-separation',
        episode: { context: 'prison', id: fit.stayId },
        fitness: 'fit',
      });
      const placed = await post(`/api/v1/prison/stays/${fit.stayId}/events`, 'governor', {
        type: 'discipline-decided',
        measure: 'punishment-block',
        days: 5,
        reason: 'нарушение распорядка дня',
      });
      expect(placed.statusCode, placed.body).toBe(201);

      const unfit = await admitted();
      const examined = await examine(unfit.personId, {
        examination: 'before-separation',
        episode: { context: 'prison', id: unfit.stayId },
        fitness: 'unfit',
      });
      expect(examined.episodeFact?.problem).toBeNull();
      const refused = await post(`/api/v1/prison/stays/${unfit.stayId}/events`, 'governor', {
        type: 'discipline-decided',
        measure: 'punishment-block',
        days: 5,
        reason: 'нарушение распорядка дня',
      });
      expect(refused.statusCode, refused.body).toBe(422);
      expect(problemOf(refused)).toMatchObject({
        rule: 'kz.discipline.medical-before',
        code: 'discipline.medical-unfit',
      });
      // A later examination that finds the person fit decides instead.
      now += HOUR;
      await examine(unfit.personId, {
        examination: 'before-separation',
        episode: { context: 'prison', id: unfit.stayId },
        fitness: 'fit',
      });
      const later = await post(`/api/v1/prison/stays/${unfit.stayId}/events`, 'governor', {
        type: 'discipline-decided',
        measure: 'punishment-block',
        days: 5,
        reason: 'нарушение распорядка дня',
      });
      expect(later.statusCode, later.body).toBe(201);
    });

    test('intl.solitary.health-visits: the doctor’s daily visit in separation meets its day; a day without one is found', async () => {
      const { personId, stayId } = await admitted();
      await examine(personId, {
        examination: 'before-separation',
        episode: { context: 'prison', id: stayId },
        fitness: 'fit',
      });
      const placed = await post(`/api/v1/prison/stays/${stayId}/events`, 'governor', {
        type: 'discipline-decided',
        measure: 'punishment-block',
        days: 10,
        reason: 'нарушение распорядка дня',
      });
      expect(placed.statusCode, placed.body).toBe(201);
      // The next Kazakhstan day, 10:00 there: the doctor visits; the day after, nobody does.
      const kzDate = (ms: number) => new Date(ms + 5 * HOUR).toISOString().slice(0, 10);
      const dayStart = Date.parse(`${kzDate(now)}T00:00:00+05:00`);
      const visited = kzDate(dayStart + DAY);
      const missed = kzDate(dayStart + 2 * DAY);
      now = dayStart + DAY + 10 * HOUR;
      const visit = await examine(personId, {
        examination: 'separation-health-visit',
        episode: { context: 'prison', id: stayId },
      });
      expect(visit.episodeFact?.problem).toBeNull();
      now = dayStart + 3 * DAY + HOUR;
      await scheduler.tick();
      const view = await stay(stayId);
      expect(view.timeline.find((item) => item.type === 'health-visit')?.details).toMatchObject({
        visitedBy: 'doctor test',
        examinationId: visit.examinationId,
      });
      const days = view.findings
        .filter((finding) => finding.rule === 'intl.solitary.health-visits')
        .map((finding) => (finding.params as { date: string }).date);
      expect(days).toContain(missed);
      expect(days).not.toContain(visited);
    });

    test('the doctor’s fact is recorded once: the same examination again appends nothing', async () => {
      const { personId, custodyId } = await arrested();
      const examined = await examine(personId, {
        examination: 'on-arrest',
        episode: { context: 'custody', id: custodyId },
      });
      const version = await h.store.streamVersion(`custody/${custodyId}`);
      const fact = episodeFactOf(
        {
          examinationId: examined.examinationId,
          examination: 'on-arrest',
          episode: { context: 'custody', id: custodyId },
          at: iso(),
          clinician: { accountId: 'x', name: 'doctor test' },
          injuriesNoted: false,
          fitness: null,
        },
        iso(),
        'x',
      );
      if (!fact) throw new Error('an examination on arrest states its fact in the episode');
      expect(await appendEpisodeFact({ store: h.store }, fact)).toMatchObject({ seq: null, problem: null });
      expect(await h.store.streamVersion(`custody/${custodyId}`)).toBe(version);
      const examinedEntries = (await custody(custodyId)).timeline.filter(
        (item) => item.type === 'medical-examined',
      );
      expect(examinedEntries).toHaveLength(1);
    });

    test('what the episode refuses refuses the examination; a failed second append is reported, not lost', async () => {
      const { personId, custodyId } = await arrested();
      const before = await h.store.size();
      const early = await post(`/api/v1/medical/people/${personId}/examinations`, 'doctor', {
        examination: 'on-arrest',
        episode: { context: 'custody', id: custodyId },
        at: iso(now - 3 * HOUR),
        place: 'медицинский кабинет',
      });
      expect(early.statusCode, early.body).toBe(422);
      expect(problemOf(early).rule).toBe('kz.custody.actual-time');
      expect(await h.store.size()).toBe(before);

      const failing: Store = faultyStore(h.store, {
        append: (request) =>
          request.stream.startsWith('custody/')
            ? Promise.reject(new Error('disk full'))
            : h.store.append(request),
      });
      const principal: Principal = {
        id: accounts.doctor ?? '',
        kind: 'service',
        name: 'doctor test',
        role: 'medical',
        facilities: [h.facilities.astana, prison],
        regions: [],
      };
      const recorded = await recordExamination(
        { ...h.app.habeas, store: failing },
        principal,
        personId,
        { examination: 'on-arrest', episode: { context: 'custody', id: custodyId }, place: 'кабинет' },
        new Date(now),
      );
      expect(recorded.episodeFact).toMatchObject({ context: 'custody', seq: null, problem: 'disk full' });
      expect(await medicalEntries(personId)).toHaveLength(2);
    });

    test('kz.medical.report-duty: a custody injury entry no doctor documented within 24 h is a finding of the episode, recorded once, never in the medical record', async () => {
      const { personId, custodyId } = await arrested();
      const injured = await post(`/api/v1/custody/${custodyId}/events`, 'custody-officer', {
        type: 'injury-recorded',
        at: iso(),
        observedBy: 'дежурный Сапаров',
        description: 'ссадины на запястьях',
      });
      expect(injured.statusCode, injured.body).toBe(201);
      const notedAt = iso();
      // A doctor examined the person but wrote no report: that is not documentation.
      await examine(personId, { examination: 'on-arrest', episode: { context: 'custody', id: custodyId } });
      const medicalBefore = await medicalEntries(personId);
      now += 23 * HOUR;
      await scheduler.tick();
      expect(reportDuty((await custody(custodyId)).findings)).toEqual([]);
      now += 2 * HOUR;
      await scheduler.tick();
      await scheduler.tick();
      const found = reportDuty((await custody(custodyId)).findings);
      expect(found).toEqual([
        expect.objectContaining({
          kind: 'flag',
          at: iso(Date.parse(notedAt) + DAY),
          params: { duty: 'document', noted: 'custody-injury', notedAt, hours: 24 },
        }),
      ]);
      // Oversight sees it in the findings list; the medical record did not grow.
      const list = await h.app.inject({
        url: '/api/v1/custody-findings?rule=kz.medical.report-duty',
        headers: auth('monitor'),
      });
      expect(list.statusCode, list.body).toBe(200);
      expect((list.json() as { items: { custodyId: string }[] }).items).toContainEqual(
        expect.objectContaining({ custodyId }),
      );
      expect(await medicalEntries(personId)).toEqual(medicalBefore);
    });

    test('kz.medical.report-duty: injuries seen at a custody examination, and by the doctor’s own, each owe a report; the doctor’s is not counted twice', async () => {
      const { personId, custodyId } = await arrested();
      const seen = await post(`/api/v1/custody/${custodyId}/events`, 'custody-officer', {
        type: 'medical-examined',
        at: iso(),
        examinedBy: 'фельдшер Оспанова',
        injuriesSeen: true,
      });
      expect(seen.statusCode, seen.body).toBe(201);
      now += HOUR;
      await examine(personId, {
        examination: 'on-arrest',
        episode: { context: 'custody', id: custodyId },
        injuriesNoted: true,
      });
      now += 25 * HOUR;
      await scheduler.tick();
      const noted = reportDuty((await custody(custodyId)).findings).map(
        (finding) => (finding.params as { noted: string }).noted,
      );
      expect(noted.sort()).toEqual(['custody-examination', 'medical-examination']);
    });

    test('kz.medical.report-duty: a custody injury entry a doctor’s report documented in time gives no finding', async () => {
      const { personId, custodyId } = await arrested();
      const injured = await post(`/api/v1/custody/${custodyId}/events`, 'custody-officer', {
        type: 'injury-recorded',
        at: iso(),
        observedBy: 'дежурный Сапаров',
        description: 'ссадина на лбу',
      });
      expect(injured.statusCode, injured.body).toBe(201);
      now += 2 * HOUR;
      const { examinationId } = await examine(personId, {
        examination: 'on-arrest',
        episode: { context: 'custody', id: custodyId },
        injuriesNoted: true,
      });
      const unlocked = await post('/api/v1/medical/key/unlock', 'doctor', { passphrase: PASSPHRASE });
      expect(unlocked.statusCode, unlocked.body).toBe(200);
      const finished = await post(
        `/api/v1/medical/people/${personId}/reports`,
        'doctor',
        report(examinationId),
      );
      expect(finished.statusCode, finished.body).toBe(201);
      now += 30 * HOUR;
      await scheduler.tick();
      expect(reportDuty((await custody(custodyId)).findings)).toEqual([]);
    });

    test('kz.medical.report-duty: bodily harm noted at a prison examination and never documented is a finding of the stay', async () => {
      const { stayId } = await admitted();
      const examined = await post(`/api/v1/prison/stays/${stayId}/events`, 'doctor', {
        type: 'medical-examined',
        at: iso(),
        hivScreening: 'done',
        tbScreening: 'done',
        bodilyHarm: true,
      });
      expect(examined.statusCode, examined.body).toBe(201);
      const notedAt = iso();
      now += 25 * HOUR;
      await scheduler.tick();
      expect(reportDuty((await stay(stayId)).findings)).toEqual([
        expect.objectContaining({
          params: { duty: 'document', noted: 'prison-examination', notedAt, hours: 24 },
        }),
      ]);
    });

    test('kz.medical.report-duty: documented signs whose referral was withheld are a finding, recorded once', async () => {
      const { personId, custodyId } = await arrested();
      const { examinationId } = await examine(personId, {
        examination: 'on-arrest',
        episode: { context: 'custody', id: custodyId },
      });
      // What an older or altered version would have written: a report of injuries the person
      // attributes to officials, "highly consistent", assessed as needing no referral.
      const record = await h.store.db
        .selectFrom('medical_records')
        .select('id')
        .where('person_id', '=', personId)
        .executeTakeFirstOrThrow();
      const stream = medicalStream(record.id);
      const content = {
        ...report(examinationId),
        account: {
          text: 'Били в кабинете оперативников.',
          language: 'ru',
          interpreter: null,
          attributedTo: 'officials',
        },
        consent: { ...report(examinationId).consent, note: null },
        circumstances: { description: 'Осмотр.', present: [], staffPresenceReason: null },
        psychologicalFindings: { text: 'Тревожен.', consistency: 'consistent' },
        opinion: { overall: 'highly-consistent', interpretation: null },
        treatment: { given: null, referral: null },
      };
      delete (content as { examinationId?: string }).examinationId;
      const reportId = 'withheld0000000000000001';
      await h.store.append({
        stream,
        expectedVersion: await h.store.streamVersion(stream),
        actor: 'an-old-version',
        events: [
          {
            type: MEDICAL_ENTRY_TYPE,
            payload: {
              kind: 'report-finished',
              reportId,
              version: 1,
              examinationId,
              personId,
              clinician: { accountId: 'an-old-version', name: 'Д-р Старый' },
              amends: null,
              secondOpinionOf: null,
              content,
              finishedAt: iso(),
            },
          },
          {
            type: MEDICAL_ENTRY_TYPE,
            payload: {
              kind: 'referral-assessed',
              examinationId,
              reportId,
              version: 1,
              outcome: 'not-required',
              reference: null,
              source: 'medical',
              rule: null,
              opinion: 'highly-consistent',
              attributedTo: 'officials',
              assessedAt: iso(),
            },
          },
        ],
      });
      const documentedAt = iso();
      const medicalBefore = await medicalEntries(personId);
      now += 1000;
      await scheduler.tick();
      await scheduler.tick();
      expect(reportDuty((await custody(custodyId)).findings)).toEqual([
        expect.objectContaining({ kind: 'flag', params: { duty: 'refer', documentedAt } }),
      ]);
      expect(await medicalEntries(personId)).toEqual(medicalBefore);
      const second = await scheduler.tick();
      expect(second.reportDuties).toBe(0);
    });

    test('kz.medical.report-duty: findings called highly consistent and argued away by the overall opinion are a referral withheld, shown to oversight and never to the custody unit', async () => {
      const { personId, custodyId } = await arrested();
      const { examinationId } = await examine(personId, {
        examination: 'on-arrest',
        episode: { context: 'custody', id: custodyId },
        injuriesNoted: true,
      });
      const unlocked = await post('/api/v1/medical/key/unlock', 'doctor', { passphrase: PASSPHRASE });
      expect(unlocked.statusCode, unlocked.body).toBe(200);
      const base = report(examinationId);
      const finished = await post(`/api/v1/medical/people/${personId}/reports`, 'doctor', {
        ...base,
        account: { text: 'Били в кабинете оперативников.', language: 'ru', attributedTo: 'officials' },
        physicalFindings: base.physicalFindings.map((finding) => ({
          ...finding,
          consistency: 'highly-consistent',
        })),
        opinion: { overall: 'not-consistent', interpretation: 'Получены при падении.' },
      });
      expect(finished.statusCode, finished.body).toBe(201);
      expect((finished.json() as { referred: boolean }).referred).toBe(false);
      now += 1000;
      await scheduler.tick();
      expect(reportDuty((await custody(custodyId)).findings)).toEqual([
        expect.objectContaining({ params: expect.objectContaining({ duty: 'refer' }) }),
      ]);
      // The custody unit's own staff read the episode and the desk without it.
      const asOfficer = await h.app.inject({
        url: `/api/v1/custody/${custodyId}`,
        headers: auth('custody-officer'),
      });
      expect(asOfficer.statusCode, asOfficer.body).toBe(200);
      const view = asOfficer.json() as CustodyView;
      expect(
        reportDuty(view.findings).filter(
          (finding) => (finding.params as { duty?: string } | undefined)?.duty === 'refer',
        ),
      ).toEqual([]);
      expect(asOfficer.body).not.toContain('"refer"');
      const desk = await h.app.inject({ url: '/api/v1/custody', headers: auth('custody-officer') });
      expect(desk.statusCode, desk.body).toBe(200);
      const row = (desk.json() as { items: { id: string; findings: { rule: string }[] }[] }).items.find(
        (item) => item.id === custodyId,
      );
      expect(row?.findings.map((finding) => finding.rule)).not.toContain('kz.medical.report-duty');
    });
  });
}
