import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { principalFromAccount } from '../../src/app/accounts.js';
import { complaintAnswers, complaintStatus } from '../../src/app/complaint-status.js';
import {
  listAllegations,
  listComplaints,
  listProtectionRequests,
  readComplaint,
  type ComplaintServices,
} from '../../src/app/complaints.js';
import { listCustody, SCHEDULER_ACTOR } from '../../src/app/custody.js';
import { listJudgeAllegations } from '../../src/app/judge-allegations.js';
import { listEvidenceHolds, listFootage, viewFootage } from '../../src/app/footage.js';
import { listReached } from '../../src/app/person-reach.js';
import type { CustodySummary } from '../../src/app/custody-views.js';
import {
  listPrisonFindings,
  listPrisonReferrals,
  listReprisalFlags,
  listStays,
  readStay,
  type PrisonServices,
} from '../../src/app/prison.js';
import type { StayView } from '../../src/app/prison-views.js';
import { SealingSessions, sealingHolder } from '../../src/app/sealing-session.js';
import { COMPLAINT_CATEGORIES } from '../../src/domain/complaints/events.js';
import { PRISON_USERS } from '../../src/demo/prison.js';
import {
  DEMO_PROCURATOR_PASSPHRASE,
  DEMO_SEALING_PASSPHRASE,
  seedDemo,
  type DemoAccounts,
} from '../../src/demo/seed.js';
import { DEFAULT_COMPLAINT_RULES } from '../../src/rules/complaint-rules.js';
import { DEFAULT_CUSTODY_RULES } from '../../src/rules/custody-rules.js';
import { initSealing } from '../../src/sealing/keystore.js';
import { allProjections } from '../../src/store/projections/index.js';
import type { Store } from '../../src/store/types.js';
import { ENGINES, freshStore, type FreshStore } from '../support/engines.js';
import { findInDatabase } from '../support/plaintext-search.js';

/*
 * `habeas demo` data (issue 3 item 7): custody episodes through the real services, in several
 * police custody units, adults and juveniles, in every clock state and with every finding of the
 * custody section of RULES.md, on a log that verifies. And (issue 4) complaints: sealed at two
 * prison kiosks in every category and received from a lawyer, seen by the complaints authority,
 * the procurator and the governor each as the rules say, and by nobody of the facilities.
 */

const CUSTODY_FINDINGS = [
  'kz.custody.limit',
  'kz.custody.actual-time',
  'kz.custody.rights',
  'kz.custody.counsel',
  'kz.custody.medical',
  'kz.custody.family',
  'kz.custody.deposition',
  'intl.custody.consular',
  'intl.custody.interpreter',
  'intl.custody.transfer-notice',
  // Жумабекова's injuries, entered at arrival, documented by a doctor only a day and a half later (issue 19).
  'kz.medical.report-duty',
  // Ержанов interviewed before the lawyer he asked for arrived (issue 20 item 4).
  'kz.custody.interview',
];

async function monitor(store: Store) {
  const row = await store.db
    .selectFrom('accounts')
    .selectAll()
    .where('role', '=', 'monitor')
    .executeTakeFirstOrThrow();
  return principalFromAccount(row);
}

/** A demo account's principal by its username. */
async function demoUser(store: Store, username: string) {
  const row = await store.db
    .selectFrom('accounts')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return principalFromAccount(row);
}

/** Cheap argon2id for the test's copy of the authority's key (the demo uses the default). */
const TEST_KDF = { kdf: { memoryKiB: 19_456, iterations: 2, parallelism: 1 } };

/** Every episode as the monitor's list shows it at `now`. */
async function allEpisodes(store: Store, now: Date): Promise<CustodySummary[]> {
  const page = await listCustody(
    { store, rules: DEFAULT_CUSTODY_RULES },
    await monitor(store),
    { limit: 200, purpose: 'test of the demonstration data' },
    now,
  );
  return page.items;
}

const limitOf = (episode: CustodySummary) => {
  if (!episode.limit) throw new Error(`episode ${episode.id} has no kz.custody.limit clock`);
  return episode.limit;
};

for (const engine of ENGINES) {
  describe(`demonstration data (${engine})`, () => {
    const now = new Date();
    const nowIso = now.toISOString();
    let fresh: FreshStore;
    let store: Store;
    let seeded: DemoAccounts;

    let complaints: ComplaintServices;

    beforeAll(async () => {
      fresh = await freshStore(engine, { projections: allProjections });
      store = fresh.store;
      // The complaints authority's key and the procurator's office's, as `habeas demo` creates them before seeding.
      await initSealing(fresh.dataDir, DEMO_SEALING_PASSPHRASE, TEST_KDF);
      await initSealing(fresh.dataDir, DEMO_PROCURATOR_PASSPHRASE, { ...TEST_KDF, recipient: 'procurator' });
      seeded = await seedDemo(store, () => now, DEFAULT_CUSTODY_RULES, {
        dataDir: fresh.dataDir,
        clinicianKdf: TEST_KDF.kdf,
      });
      complaints = {
        store,
        complaintRules: DEFAULT_COMPLAINT_RULES,
        sealing: new SealingSessions(fresh.dataDir, () => now),
        procuratorSealing: new SealingSessions(fresh.dataDir, () => now, 'procurator'),
      };
    });
    afterAll(async () => {
      await fresh?.cleanup();
    });

    test('every finding of the custody section is recorded at least once', async () => {
      const rows = await store.db.selectFrom('custody_findings').select('rule').distinct().execute();
      const rules = rows.map((row) => row.rule);
      for (const rule of CUSTODY_FINDINGS) expect(rules, rule).toContain(rule);
      expect(seeded.custody.findings).toBeGreaterThanOrEqual(CUSTODY_FINDINGS.length);
    });

    test('kz.custody.limit is breached for a juvenile and for an adult', async () => {
      const rows = await store.db
        .selectFrom('custody_findings as f')
        .innerJoin('custody_episodes as e', 'e.id', 'f.custody_id')
        .select('e.juvenile')
        .where('f.rule', '=', 'kz.custody.limit')
        .execute();
      expect(new Set(rows.map((row) => Number(row.juvenile)))).toEqual(new Set([0, 1]));
    });

    test('custody_clocks hold running, warning, breached and met clocks', async () => {
      const clocks = await store.db
        .selectFrom('custody_clocks')
        .select(['rule', 'outcome', 'warn_at', 'due_at', 'ended_at'])
        .execute();
      const running = clocks.filter((c) => c.outcome === 'running' && c.due_at > nowIso);
      const warning = running.filter((c) => c.warn_at <= nowIso);
      const breached = clocks.filter(
        (c) =>
          (c.outcome === 'running' && c.due_at <= nowIso) || (c.ended_at !== null && c.ended_at > c.due_at),
      );
      const met = clocks.filter((c) => c.outcome === 'met' && c.ended_at !== null && c.ended_at <= c.due_at);
      expect(running.filter((c) => c.warn_at > nowIso).length).toBeGreaterThan(0);
      expect(warning.filter((c) => c.rule === 'kz.custody.limit').length).toBeGreaterThanOrEqual(2);
      expect(breached.filter((c) => c.rule === 'kz.custody.limit').length).toBeGreaterThanOrEqual(2);
      expect(met.filter((c) => c.rule === 'kz.custody.limit').length).toBeGreaterThanOrEqual(1);
    });

    test('the desk shows kz.custody.limit in every state: running, 75% and 90% warnings, breached, met, stopped', async () => {
      const episodes = await allEpisodes(store, now);
      const limits = episodes.map(limitOf);
      expect(limits.some((limit) => limit.state === 'running' && limit.warning === null)).toBe(true);
      expect(limits.some((limit) => limit.state === 'running' && limit.warning === 75)).toBe(true);
      expect(limits.some((limit) => limit.state === 'running' && limit.warning === 90)).toBe(true);
      expect(limits.some((limit) => limit.state === 'breached')).toBe(true);
      expect(limits.some((limit) => limit.state === 'met')).toBe(true);
      expect(limits.some((limit) => limit.state === 'stopped')).toBe(true);
      const statuses = new Set(episodes.map((episode) => episode.status));
      expect(statuses).toEqual(new Set(['in-custody', 'released', 'transferred']));
    });

    test('adults and juveniles, in at least two police custody units', async () => {
      const episodes = await allEpisodes(store, now);
      expect(episodes.length).toBe(seeded.custody.episodes);
      expect(episodes.some((episode) => episode.juvenile)).toBe(true);
      expect(episodes.some((episode) => !episode.juvenile)).toBe(true);
      const units = new Set(episodes.map((episode) => episode.facilityId));
      expect(units.size).toBeGreaterThanOrEqual(2);
      for (const unit of units) {
        const facility = await store.db
          .selectFrom('facilities')
          .select('kind')
          .where('id', '=', unit)
          .executeTakeFirstOrThrow();
        expect(facility.kind).toBe('police-custody');
        const here = episodes.filter((episode) => episode.facilityId === unit);
        expect(here.some((episode) => episode.juvenile)).toBe(true);
        expect(here.some((episode) => !episode.juvenile)).toBe(true);
      }
    });

    test('issue 17: the monitor sees an arrest by identity document and an admission by hand-over of people registered elsewhere', async () => {
      const { items } = await listReached(store, await monitor(store), {
        purpose: 'test of the demonstration data',
      });
      expect(items).toContainEqual(
        expect.objectContaining({ record: 'arrest', reachedBy: 'document', documentKind: 'iin' }),
      );
      expect(items).toContainEqual(expect.objectContaining({ record: 'admission', reachedBy: 'hand-over' }));
      const documents = await store.db.selectFrom('person_documents').select('kind').execute();
      expect(new Set(documents.map((row) => row.kind))).toEqual(new Set(['iin', 'passport']));
    });

    test('kz.custody.injury-log: an injury entry with an open medical referral', async () => {
      const referrals = await store.db.selectFrom('custody_referrals').select('status').execute();
      expect(referrals.some((referral) => referral.status === 'open')).toBe(true);
    });

    test('kz.custody.actual-time: a corrected apprehension time, original kept beside the correction', async () => {
      const entries = await store.entries(0, await store.size());
      const corrections = entries.filter((entry) => entry.type === 'custody-corrected');
      expect(corrections.length).toBeGreaterThanOrEqual(1);
      const [correction] = await store.events(corrections[0]!.seq, corrections[0]!.seq + 1);
      const payload = correction?.payload as { field: string; from: string; to: string };
      expect(payload.field).toBe('apprehendedAt');
      expect(Date.parse(payload.to)).toBeLessThan(Date.parse(payload.from));
    });

    test('kz.complaint.channel: a kiosk complaint in every category, from two prisons, and two from lawyers', async () => {
      const rows = await store.db
        .selectFrom('complaints as c')
        .innerJoin('facilities as f', 'f.id', 'c.facility_id')
        .select(['c.category', 'c.channel', 'c.complainant_id', 'f.kind'])
        .execute();
      expect(rows.length).toBe(seeded.complaints?.complaints);
      const kiosk = rows.filter((row) => row.channel === 'kiosk');
      expect(new Set(kiosk.map((row) => row.category))).toEqual(new Set(COMPLAINT_CATEGORIES));
      expect(kiosk.every((row) => row.kind === 'prison')).toBe(true);
      expect(new Set(kiosk.map((row) => row.complainant_id === null))).toEqual(new Set([true, false]));
      // Two lawyers' letters: one to the procurator, one about investigators to the judge (kz.allegation.conflict).
      const lawyers = rows.filter((row) => row.channel === 'lawyer');
      expect(lawyers).toHaveLength(2);
      expect(lawyers).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ category: 'torture-or-ill-treatment', kind: 'remand-centre' }),
          expect.objectContaining({ category: 'torture-or-ill-treatment', kind: 'police-custody' }),
        ]),
      );
      // Identified complainants are people the demo holds in a prison, a remand centre or police custody.
      const identified = rows.flatMap((row) => (row.complainant_id === null ? [] : [row.complainant_id]));
      const people = await store.db
        .selectFrom('person_facilities as p')
        .innerJoin('facilities as f', 'f.id', 'p.facility_id')
        .select(['p.person_id', 'f.kind'])
        .where('p.person_id', 'in', identified)
        .execute();
      expect(new Set(people.map((person) => person.person_id))).toEqual(new Set(identified));
      for (const person of people)
        expect(['prison', 'remand-centre', 'police-custody']).toContain(person.kind);
    });

    test('kz.complaint.channel: the complaints officer lists them all and opens exactly what was sealed; the database holds no plaintext', async () => {
      const officer = await demoUser(store, 'complaints');
      const page = await listComplaints(
        complaints,
        officer,
        { purpose: 'test of the demonstration data' },
        now,
      );
      expect(page.items.length).toBe(seeded.complaints?.complaints);
      const holder = sealingHolder(officer, null);
      await complaints.sealing.unlock(officer, holder, DEMO_SEALING_PASSPHRASE);
      const texts: string[] = [];
      for (const item of page.items) {
        const view = await readComplaint(complaints, officer, item.reference, now, { holder });
        expect(view.contentError, item.reference).toBeNull();
        expect(view.content).toMatchObject({ v: 1, media: [] });
        expect(['kk', 'ru']).toContain(view.content?.language);
        texts.push(String(view.content?.text));
      }
      expect(texts.some((text) => text.includes('горячей воды'))).toBe(true);
      expect(texts.some((text) => /[әғқңөұүһі]/.test(text))).toBe(true);
      for (const fragment of [
        'горячей воды',
        'бейнекамера жоқ жерде',
        'сотрудниками конвоя',
        'Ваша жалоба рассмотрена',
      ])
        expect(await findInDatabase(store, fragment), fragment).toEqual([]);
    });

    test('kz.torture.referral: the procurator sees both allegations; one from an identified prisoner, investigated, its suspect suspended in time', async () => {
      const procurator = await demoUser(store, 'procurator');
      const { items: all } = await listAllegations(complaints, procurator, {});
      // Beside the complaints, Жумабекова's medical report, referred by her doctor (issue 19).
      expect(all.filter((item) => item.source === 'medical')).toHaveLength(seeded.medical.referrals);
      const items = all.filter((item) => item.source !== 'medical');
      expect(items.length).toBe(seeded.complaints?.allegations);
      expect(items.length).toBe(2);
      const investigated = items.find((item) => item.decisions.length > 0);
      expect(investigated?.complainant?.name).toMatch(/^Токтаров Асхат/);
      expect(investigated?.decisions).toEqual([
        expect.objectContaining({ decision: 'investigation-opened', actorName: 'Прокурор Е. Касымов' }),
      ]);
      expect(investigated?.caseNumber).toMatch(/^ЕРДР № \d{15}$/);
      expect(investigated?.suspects).toEqual([expect.objectContaining({ suspendedAt: expect.any(String) })]);
      expect(investigated?.findings).toEqual([]);
      const awaiting = items.find((item) => item.decisions.length === 0);
      expect(awaiting?.status).toBe('referred-to-procurator');
      expect(awaiting?.complainant?.name).toMatch(/^Ким Виктор/);
      // kz.complaint.channel: both are sealed to the procurator's office's own key, which opens them.
      const holder = sealingHolder(procurator, null);
      await complaints.procuratorSealing.unlock(procurator, holder, DEMO_PROCURATOR_PASSPHRASE);
      for (const item of items) {
        expect(item.sealedForProcurator, item.reference).toBe(true);
        const view = await readComplaint(complaints, procurator, item.reference, now, { holder });
        expect(view.contentError, item.reference).toBeNull();
        expect(String(view.content?.text).length).toBeGreaterThan(20);
      }
    });

    test('kz.allegation.conflict: the complaint about investigators in Astana is with Astana’s investigating judge, not Almaty’s, and with no procurator', async () => {
      const judge = await demoUser(store, 'judge');
      const { items } = await listJudgeAllegations(complaints, judge, {}, now);
      expect(items).toHaveLength(seeded.complaints?.withJudge ?? 0);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        source: 'lawyer',
        status: 'referred-to-investigating-judge',
        concerns: { office: 'investigator', region: 'KZ-71' },
        orders: [],
        clocks: [expect.objectContaining({ rule: 'kz.allegation.conflict', state: 'running' })],
      });
      expect(items[0]?.complainant?.name).toMatch(/^Жумабекова Айгерим/);
      const elsewhere = await demoUser(store, 'judge-almaty');
      expect((await listJudgeAllegations(complaints, elsewhere, {}, now)).items).toEqual([]);
      const procurator = await demoUser(store, 'procurator');
      const { items: allegations } = await listAllegations(complaints, procurator, {});
      expect(allegations.map((item) => item.reference)).not.toContain(items[0]?.reference);
    });

    test('intl.complaint.answer: a conditions complaint answered in time, and one whose clock ran out', async () => {
      const officer = await demoUser(store, 'complaints');
      const { items } = await listComplaints(complaints, officer, {}, now);
      const answered = items.find((item) => item.category === 'conditions');
      expect(answered?.status).toBe('answered');
      expect(answered?.clocks.find((clock) => clock.rule === 'intl.complaint.answer')?.state).toBe('met');
      const overdue = items.filter((item) =>
        item.findings.some(
          (finding) => finding.rule === 'intl.complaint.answer' && finding.kind === 'breach',
        ),
      );
      expect(overdue.map((item) => item.category)).toEqual(['health']);
      expect(overdue[0]?.clocks.find((clock) => clock.rule === 'intl.complaint.answer')?.state).toBe(
        'breached',
      );
      // The printed status check works at a kiosk: reference and PIN show that it was answered.
      const check = seeded.complaints?.statusCheck;
      const kiosk = principalFromAccount(
        await store.db
          .selectFrom('accounts')
          .selectAll()
          .where('role', '=', 'kiosk')
          .executeTakeFirstOrThrow(),
      );
      const status = await complaintStatus(complaints, kiosk, check?.reference ?? '', check?.pin ?? '', now);
      expect(status.status).toBe('answered');
      // … and show the authority's answer, sealed to the complainant (issue 18 item 6).
      const read = await complaintAnswers(complaints, kiosk, check?.reference ?? '', check?.pin ?? '', now);
      expect(read.answers).toHaveLength(1);
      expect(read.answers[0]?.text.length).toBeGreaterThan(20);
      expect(read.unreadableAnswers).toBe(0);
    });

    test('kz.transfer.protection: a request for special protection is pending before the Karaganda governor, without the complaint', async () => {
      const governor = await demoUser(store, 'governor');
      const requests = await listProtectionRequests(complaints, governor, {});
      expect(requests).toEqual([
        expect.objectContaining({
          kind: 'protection',
          status: 'pending',
          facilityId: seeded.facilities['prison-karaganda'],
          person: expect.objectContaining({ name: expect.stringMatching(/^Иванов Сергей/) }),
        }),
      ]);
      expect(Date.parse(requests[0]?.dueAt ?? '')).toBeGreaterThan(now.getTime());
      // The request says who and what kind, never the complaint behind it.
      expect(Object.keys(requests[0] ?? {}).sort()).toEqual([
        'decidedAt',
        'dueAt',
        'facilityId',
        'facilityName',
        'id',
        'kind',
        'person',
        'reason',
        'requestedAt',
        'status',
      ]);
    });

    test('issue 19: clinicians hold signing keys registered in the log; a referred report, a disagreeing second opinion, a refused consent', async () => {
      expect(seeded.medical).toMatchObject({ clinicians: 3, examinations: 3, reports: 3 });
      const keys = await store.db.selectFrom('clinician_keys').select('account_id').execute();
      expect(keys).toHaveLength(3);
      const wraps = await store.db.selectFrom('clinician_key_wraps').select('wrapped').execute();
      // Only wrapped private keys are stored: no seed in clear.
      for (const wrap of wraps)
        expect(JSON.parse(wrap.wrapped)).toMatchObject({ format: 'habeas-medical-key/1' });
      const referrals = await store.db.selectFrom('medical_referrals').selectAll().execute();
      expect(referrals).toHaveLength(1);
      expect(referrals[0]).toMatchObject({ disclosed: 1 });
      // Her report's photographs, with a scale, sealed at rest: the blobs are ciphertext.
      const photos = await store.db.selectFrom('medical_photos').selectAll().execute();
      expect(photos).toHaveLength(2);
      for (const photo of photos) {
        const blob = await readFile(join(fresh.dataDir, 'blobs', photo.blob_sha256));
        expect(
          blob.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
        ).toBe(false);
      }
      const reports = await store.db
        .selectFrom('medical_reports')
        .selectAll()
        .orderBy('first_finished_at')
        .execute();
      const review = reports.find((report) => report.second_opinion_of !== null);
      const reviewed = reports.find((report) => report.id === review?.second_opinion_of);
      expect(review?.opinion).toBe('typical-of');
      expect(reviewed?.opinion).toBe('highly-consistent');
      expect(review?.clinician_id).not.toBe(reviewed?.clinician_id);
      // Ким refused photographs and sharing with the procurator; his report's referral was withheld.
      const kim = reports.find((report) => report.opinion === 'not-consistent');
      expect(kim).toBeDefined();
      const record = await store.db
        .selectFrom('medical_records')
        .select('state')
        .where('id', '=', kim?.record_id ?? '')
        .executeTakeFirstOrThrow();
      const state = JSON.parse(record.state) as {
        reports: Record<string, { content: { consent: Record<string, string> } }[]>;
      };
      expect(state.reports[kim?.id ?? '']?.[0]?.content.consent).toMatchObject({
        photographs: 'refused',
        sharingWithProcurator: 'refused',
      });
      expect(referrals.map((referral) => referral.record_id)).not.toContain(kim?.record_id);
      // …which the scheduler found: a withheld referral, in his stay, for the oversight bodies.
      const withheld = await store.db
        .selectFrom('prison_findings')
        .select(['params'])
        .where('rule', '=', 'kz.medical.report-duty')
        .execute();
      expect(withheld.map((row) => (JSON.parse(row.params ?? '{}') as { duty?: string }).duty)).toContain(
        'refer',
      );
    });

    test('kz.complaint.channel: no account of a facility, nor the administrator, lists or opens a complaint', async () => {
      const officer = await demoUser(store, 'complaints');
      const [any] = (await listComplaints(complaints, officer, {}, now)).items;
      for (const username of ['governor', 'prison', 'custody', 'custody-almaty', 'medical', 'admin']) {
        const staff = await demoUser(store, username);
        await expect(listComplaints(complaints, staff, {}, now), username).rejects.toMatchObject({
          status: 403,
        });
        await expect(listAllegations(complaints, staff, {}), username).rejects.toMatchObject({ status: 403 });
        await expect(
          readComplaint(complaints, staff, any?.reference ?? '', now, { holder: sealingHolder(staff, null) }),
          username,
        ).rejects.toMatchObject({ status: 403 });
      }
    });

    test('issue 20: case files — an allegation investigated, the January 2022 case to verdict, appeal and compensation, a case closed on its interview recording, a doctor’s referral in a case', async () => {
      expect(seeded.cases).toEqual({ cases: 4, officials: 5 });
      const cases = await store.db
        .selectFrom('cases')
        .select(['number', 'status', 'tags', 'allegations'])
        .execute();
      expect(cases.map((row) => row.status).sort()).toEqual([
        'decided',
        'discontinued',
        'investigation',
        'investigation',
      ]);
      expect(cases.find((row) => row.tags.includes('january-2022'))?.status).toBe('decided');
      const defendants = await store.db
        .selectFrom('case_defendants')
        .select(['name', 'stage', 'suspended_sentence', 'plea_agreement', 'reclassified'])
        .orderBy('name')
        .execute();
      expect(defendants.filter((row) => row.stage === 'convicted')).toHaveLength(2);
      expect(defendants.filter((row) => row.stage === 'acquitted')).toHaveLength(1);
      // kz.torture.sentencing: the lesser article, the suspended sentence and the plea agreement, flagged.
      const flagged = await store.db.selectFrom('case_findings').select(['rule', 'params']).execute();
      expect(flagged.filter((row) => row.rule === 'kz.torture.sentencing').length).toBeGreaterThanOrEqual(2);
      // kz.torture.suspension: one official suspended a week late, flagged once.
      expect(flagged.filter((row) => row.rule === 'kz.torture.suspension')).toHaveLength(1);
      const redress = await store.db.selectFrom('case_redress').select(['amount_kzt', 'paid_kzt']).execute();
      expect(redress.every((row) => row.paid_kzt === row.amount_kzt)).toBe(true);
      const sources = await store.db.selectFrom('case_sources').select('kind').execute();
      expect(sources.map((row) => row.kind).sort()).toEqual(['complaint', 'medical-referral']);
    });

    test('the demonstration log verifies', async () => {
      // No time limit here (timed tests flake on a loaded machine: 10.4 s once on PostgreSQL under a
      // full parallel test run, 3–4 s alone); `habeas demo` prints how long its seed took.
      const report = await store.verify();
      expect(report.ok).toBe(true);
    });
  });
}

describe('demonstration data on another day', () => {
  test('juveniles stay juveniles and every state is there whenever the demo runs', async () => {
    const fresh = await freshStore('sqlite', { projections: allProjections });
    try {
      // A leap day, years from now: ages are counted from the demo's own `now`.
      const later = new Date('2032-02-29T02:30:00.000Z');
      await seedDemo(fresh.store, () => later);
      const episodes = await allEpisodes(fresh.store, later);
      expect(episodes.filter((episode) => episode.juvenile).length).toBe(2);
      const states = new Set(episodes.map((episode) => limitOf(episode).state));
      expect(states).toEqual(new Set(['running', 'breached', 'met', 'stopped']));
      const rows = await fresh.store.db.selectFrom('custody_findings').select('rule').distinct().execute();
      expect(rows.map((row) => row.rule).sort()).toEqual([...CUSTODY_FINDINGS].sort());
    } finally {
      await fresh.cleanup();
    }
  });
});

/*
 * Remand centres and prisons (issue 5 item 7): stays made through the prison services covering
 * every rule of the prison section — refused decisions kept in the log, the international
 * findings, a reprisal flag — each checked as the role that would look for it.
 */

const PRISON_FINDINGS: Record<string, number> = {
  'kz.admission.medical': 1,
  'kz.life.exercise': 1,
  'intl.exercise': 1,
  'intl.solitary.prolonged': 2,
  'intl.solitary.definition': 1,
  'intl.solitary.exempt': 1,
  'intl.solitary.health-visits': 2,
  'intl.search.women': 1,
  // Issue 19: bodily harm noted before a placement in Karaganda that no doctor documented, and
  // Ким's report whose overall opinion argues away what it found (a referral withheld).
  'kz.medical.report-duty': 2,
};

async function prisonFindingsByRule(store: Store): Promise<Record<string, number>> {
  const rows = await store.db.selectFrom('prison_findings').select('rule').execute();
  const counts: Record<string, number> = {};
  for (const { rule } of rows) counts[rule] = (counts[rule] ?? 0) + 1;
  return counts;
}

for (const engine of ENGINES) {
  describe(`prison demonstration data (${engine})`, () => {
    const now = new Date();
    let fresh: FreshStore;
    let store: Store;
    let seeded: DemoAccounts;
    let services: PrisonServices;

    beforeAll(async () => {
      fresh = await freshStore(engine, { projections: allProjections });
      store = fresh.store;
      await initSealing(fresh.dataDir, DEMO_SEALING_PASSPHRASE, TEST_KDF);
      seeded = await seedDemo(store, () => now, DEFAULT_CUSTODY_RULES, { dataDir: fresh.dataDir });
      services = { store, rules: DEFAULT_CUSTODY_RULES };
    });
    afterAll(async () => {
      await fresh?.cleanup();
    });

    /** The stay of the person with this family name. */
    async function stayOf(familyName: string): Promise<string> {
      const row = await store.db
        .selectFrom('prison_stays as s')
        .innerJoin('people as p', 'p.id', 's.person_id')
        .select('s.id')
        .where('p.family_name', '=', familyName)
        .executeTakeFirstOrThrow();
      return row.id;
    }
    const read = async (familyName: string, username: string) =>
      readStay(services, await demoUser(store, username), await stayOf(familyName), now, 'test of the demo');
    const refusals = (view: StayView) =>
      view.timeline
        .filter((entry) => entry.type === 'discipline-refused')
        .map((entry) => entry.details as { measure: string; days: number | null; rule: string });
    const findingsOf = async (rule: string) =>
      (await listPrisonFindings(services, await demoUser(store, 'monitor'), { rule })).items;

    test('demo logins: officers, governors (a woman heads the women’s prison) and doctors of every prison, the monitor and the complaints authority', async () => {
      const usernames = seeded.users.map((user) => user.username);
      for (const user of PRISON_USERS) expect(usernames).toContain(user.username);
      expect(usernames).toEqual(
        expect.arrayContaining(['monitor', 'complaints', 'prison', 'governor', 'medical']),
      );
      const governorOfWomen = await demoUser(store, 'governor-women');
      expect(governorOfWomen).toMatchObject({
        role: 'governor',
        sex: 'female',
        facilities: [seeded.facilities['prison-women']],
      });
      const kinds = await store.db
        .selectFrom('prison_stays as s')
        .innerJoin('facilities as f', 'f.id', 's.facility_id')
        .select(['f.kind', 'f.population'])
        .distinct()
        .execute();
      expect(kinds).toEqual(
        expect.arrayContaining([
          { kind: 'remand-centre', population: 'mixed' },
          { kind: 'prison', population: 'men' },
          { kind: 'prison', population: 'women' },
          { kind: 'life-prison', population: 'men' },
        ]),
      );
      expect(seeded.prison.stays).toBeGreaterThanOrEqual(15);
    });

    test('kz.discipline.exempt: a pregnant woman, a juvenile and a woman with her infant were refused a punishment block, each attempt kept in the log', async () => {
      const pregnant = await read('Нурланова', 'governor-almaty');
      expect(pregnant.vulnerabilities).toContainEqual(expect.objectContaining({ kind: 'pregnant' }));
      expect(refusals(pregnant)).toEqual([
        expect.objectContaining({ measure: 'punishment-block', rule: 'kz.discipline.exempt' }),
      ]);
      expect(pregnant.discipline.map((decision) => decision.measure)).toEqual(['reprimand']);
      const juvenile = await read('Оразалиев', 'governor-almaty');
      expect(juvenile.juvenile).toBe(true);
      expect(refusals(juvenile)).toEqual([
        expect.objectContaining({ measure: 'punishment-block', rule: 'kz.discipline.exempt' }),
      ]);
      const mother = await read('Литвиненко', 'governor-women');
      expect(mother.vulnerabilities).toContainEqual(expect.objectContaining({ kind: 'infant-in-facility' }));
      expect(refusals(mother)).toEqual([
        expect.objectContaining({ measure: 'punishment-block', rule: 'kz.discipline.exempt' }),
      ]);
    });

    test('kz.discipline.punishment-block, kz.discipline.solitary-prior, kz.discipline.medical-before: refused decisions the monitor finds in the log', async () => {
      expect(refusals(await read('Калиев', 'monitor'))).toEqual([
        expect.objectContaining({
          measure: 'punishment-block',
          days: 16,
          rule: 'kz.discipline.punishment-block',
        }),
      ]);
      expect(refusals(await read('Байтуров', 'monitor'))).toEqual([
        expect.objectContaining({ measure: 'solitary', rule: 'kz.discipline.solitary-prior' }),
      ]);
      const neverExamined = await read('Сарсенов', 'monitor');
      expect(refusals(neverExamined)).toEqual([
        expect.objectContaining({ measure: 'punishment-block', rule: 'kz.discipline.medical-before' }),
      ]);
      expect(neverExamined.timeline.some((entry) => entry.type === 'medical-examined')).toBe(false);
      const entries = await store.entries(0, await store.size());
      expect(entries.filter((entry) => entry.type === 'discipline-refused').length).toBe(
        seeded.prison.refused,
      );
      expect(seeded.prison.refused).toBe(6);
    });

    test('intl.solitary.prolonged: a lawful 30-day solitary placement is flagged as it is decided; back-to-back placements by the scheduler on day 16; the monitor sees both', async () => {
      const flagged = await findingsOf('intl.solitary.prolonged');
      const thirtyDays = await stayOf('Калиев');
      const backToBack = await stayOf('Байтуров');
      expect(new Set(flagged.map((finding) => finding.stayId))).toEqual(new Set([thirtyDays, backToBack]));

      const lawful = await read('Калиев', 'monitor');
      expect(lawful.discipline.at(-1)).toMatchObject({ measure: 'solitary', days: 30 });
      const decided = lawful.timeline.find(
        (entry) => entry.type === 'discipline-decided' && entry.details.measure === 'solitary',
      );
      const atOnce = lawful.timeline.find(
        (entry) => entry.type === 'finding-recorded' && entry.details.rule === 'intl.solitary.prolonged',
      );
      expect(atOnce?.seq).toBe((decided?.seq ?? -2) + 1);
      expect(atOnce?.actor).toBe(decided?.actor);

      const grown = await read('Байтуров', 'monitor');
      expect(grown.discipline.map((decision) => [decision.measure, decision.days])).toEqual([
        ['punishment-block', 15],
        ['solitary', 10],
      ]);
      expect(grown.discipline[1]?.startsAt).toBe(grown.discipline[0]?.endsAt);
      const onDay16 = grown.timeline.find(
        (entry) => entry.type === 'finding-recorded' && entry.details.rule === 'intl.solitary.prolonged',
      );
      expect(onDay16?.actor).toBe(SCHEDULER_ACTOR);
      expect(grown.regime).toMatchObject({ kind: 'solitary' });
      expect(grown.regime.consecutiveDays).toBeGreaterThanOrEqual(16);

      // The nationwide view of everyone in separation counts their days.
      const separated = await listStays(
        services,
        await demoUser(store, 'monitor'),
        { separated: true, purpose: 'test of the demo' },
        now,
      );
      const days = new Map(separated.items.map((item) => [item.id, item.regime.consecutiveDays]));
      expect(days.get(thirtyDays)).toBeGreaterThan(1);
      expect(days.get(backToBack)).toBeGreaterThan(15);
      expect(days.has(await stayOf('Токтаров'))).toBe(true);
    });

    test('intl.solitary.definition: a "quarantine" cell with 23 hours a day alone is solitary confinement', async () => {
      const [finding] = await findingsOf('intl.solitary.definition');
      expect(finding?.stayId).toBe(await stayOf('Досжанов'));
      expect(finding?.detail).toContain('карантин');
    });

    test('intl.solitary.exempt: a breastfeeding mother placed in a punishment block, lawful nationally', async () => {
      const [finding] = await findingsOf('intl.solitary.exempt');
      expect(finding?.stayId).toBe(await stayOf('Тургинбаева'));
      const view = await read('Тургинбаева', 'governor-women');
      expect(view.discipline).toEqual([expect.objectContaining({ measure: 'punishment-block', days: 5 })]);
      expect(refusals(view)).toEqual([]);
    });

    test('intl.solitary.health-visits: two days in solitary without the doctor’s round', async () => {
      const missed = await findingsOf('intl.solitary.health-visits');
      expect(missed.length).toBe(2);
      expect(new Set(missed.map((finding) => finding.stayId))).toEqual(new Set([await stayOf('Калиев')]));
    });

    test('kz.life.exercise, intl.exercise: the life-sentenced prisoner missed one day outdoors; every other day of every stay is logged', async () => {
      const life = await stayOf('Ахметов');
      const [national] = await findingsOf('kz.life.exercise');
      const [international] = await findingsOf('intl.exercise');
      expect(national?.stayId).toBe(life);
      expect(international?.stayId).toBe(life);
      expect((await read('Ахметов', 'governor-mangystau')).lifeSentence).toBe(true);
      // A handful of findings, each one a story of the demo, not a flood of missing register days.
      expect(await prisonFindingsByRule(store)).toEqual(PRISON_FINDINGS);
      expect(seeded.prison.findings).toBe(Object.values(PRISON_FINDINGS).reduce((a, b) => a + b, 0));
    });

    test('intl.search.women: a woman personally searched by a male officer', async () => {
      const [finding] = await findingsOf('intl.search.women');
      expect(finding?.stayId).toBe(await stayOf('Нурланова'));
    });

    test('kz.admission.medical: admitted from police custody with the episode carried over and both screenings; one examination overdue', async () => {
      const transferred = await read('Жаксылыков', 'medical');
      expect(transferred.custodyId).not.toBeNull();
      const episode = await store.db
        .selectFrom('custody_episodes')
        .select(['person_id', 'status', 'apprehended_at', 'facility_id'])
        .where('id', '=', transferred.custodyId ?? '')
        .executeTakeFirstOrThrow();
      expect(episode).toMatchObject({ person_id: transferred.personId, status: 'transferred' });
      expect(transferred.deprivedOfLiberty.at).toBe(episode.apprehended_at);
      expect(transferred.clocks.find((clock) => clock.rule === 'kz.admission.medical')?.state).toBe('met');
      const exam = transferred.timeline.find((entry) => entry.type === 'medical-examined');
      expect(exam?.details).toMatchObject({ hivScreening: 'done', tbScreening: 'done' });
      const [overdue] = await findingsOf('kz.admission.medical');
      expect(overdue?.stayId).toBe(await stayOf('Сарсенов'));
    });

    test('kz.complaint.reprisal: Токтаров complained at the kiosk, then got a punishment block; the monitor and the complaints authority see the flag, the facility gets 403', async () => {
      for (const username of ['monitor', 'complaints']) {
        const flags = await listReprisalFlags(services, await demoUser(store, username), {});
        expect(flags).toEqual([
          expect.objectContaining({
            stayId: await stayOf('Токтаров'),
            action: 'discipline',
            complaintReference: expect.any(String),
          }),
        ]);
        expect(Date.parse(flags[0]?.complainedAt ?? '')).toBeLessThan(Date.parse(flags[0]?.actionAt ?? ''));
      }
      for (const username of ['governor', 'prison-karaganda', 'medical-karaganda', 'governor-women']) {
        await expect(
          listReprisalFlags(services, await demoUser(store, username), {}),
          username,
        ).rejects.toMatchObject({ status: 403 });
      }
      const governorView = JSON.stringify(await read('Токтаров', 'governor'));
      expect(governorView).not.toContain('reprisal');
    });

    test('kz.incentives, appeal, transfer, release: a punishment block quashed on appeal, incentives, a transfer for overcrowding with the family told, a release', async () => {
      const appealed = await read('Сейткалиев', 'governor');
      expect(appealed.discipline).toEqual([
        expect.objectContaining({ measure: 'punishment-block', appealed: true, appealOutcome: 'quashed' }),
      ]);
      const incentives = await store.db
        .selectFrom('entries')
        .select('stream')
        .where('type', '=', 'incentive-granted')
        .execute();
      expect(incentives.length).toBeGreaterThanOrEqual(3);
      const moved = await read('Жумабаев', 'prison-karaganda');
      expect(moved.facilityId).toBe(seeded.facilities['prison-karaganda']);
      expect(moved.timeline.find((entry) => entry.type === 'transferred')?.details).toMatchObject({
        reason: 'overcrowding',
        requestedByPrisoner: false,
        destinationFacilityId: seeded.facilities['prison-karaganda'],
      });
      expect(moved.clocks.find((clock) => clock.rule === 'intl.custody.transfer-notice')?.state).toBe('met');
      expect(
        moved.clocks.filter((clock) => clock.rule === 'kz.admission.medical').map((c) => c.state),
      ).toEqual(['met', 'met']);
      expect((await read('Абишев', 'monitor')).status).toBe('released');
    });

    test('kz.admission.medical: examinations that noted bodily harm open referrals for each facility’s doctor', async () => {
      const almaty = await listPrisonReferrals(services, await demoUser(store, 'medical'), {});
      expect(almaty.map((referral) => referral.personName)).toEqual([expect.stringMatching(/^Ким Виктор/)]);
      const karaganda = await listPrisonReferrals(services, await demoUser(store, 'medical-karaganda'), {});
      expect(karaganda.map((referral) => referral.personName)).toEqual([expect.stringMatching(/^Токтаров/)]);
    });

    test('kz.cctv.women: the women’s prison’s recordings are viewed by its female officer and the monitor, refused to the male procurator; holds keep recordings from deletion', async () => {
      expect(seeded.footage).toEqual({ recordings: 7, holds: 2 });
      const footage = { store };
      const women = seeded.facilities['prison-women'] ?? '';
      const procurator = await demoUser(store, 'procurator');
      // The list is for oversight too, kz.cctv.women or not: camera, place and time, never images.
      const list = await listFootage(footage, procurator, { facilityId: women });
      const corridor = list.items.find((item) => item.place === 'Коридор отряда № 2');
      expect(corridor).toMatchObject({ camera: 'CAM-03', held: true, status: 'kept' });
      for (const username of ['prison', 'governor-women', 'monitor'])
        expect((await viewFootage(footage, await demoUser(store, username), corridor?.id ?? '')).id).toBe(
          corridor?.id,
        );
      await expect(viewFootage(footage, procurator, corridor?.id ?? '')).rejects.toMatchObject({
        status: 403,
        rule: 'kz.cctv.women',
      });
      // Karaganda: one recording deleted when its retention ended; the punishment block's is held.
      const karaganda = await listFootage(footage, await demoUser(store, 'governor'), {
        facilityId: seeded.facilities['prison-karaganda'] ?? '',
      });
      expect(karaganda.items.filter((item) => item.status === 'deleted').map((item) => item.camera)).toEqual([
        'CAM-05',
      ]);
      expect(karaganda.items.find((item) => item.camera === 'CAM-21')?.held).toBe(true);
      const holds = await listEvidenceHolds(footage, procurator, {});
      expect(holds.items.map((hold) => [hold.basis, hold.placedByRole]).sort()).toEqual([
        ['allegation', 'complaints-officer'],
        ['other', 'monitor'],
      ]);
    });

    test('the log verifies', async () => {
      expect((await store.verify()).ok).toBe(true);
    });
  });
}

describe('prison demonstration data at any hour', () => {
  test('every prison finding and the reprisal flag are there when the demo starts just after midnight in Kazakhstan', async () => {
    const fresh = await freshStore('sqlite', { projections: allProjections });
    try {
      await initSealing(fresh.dataDir, DEMO_SEALING_PASSPHRASE, TEST_KDF);
      const justAfterMidnight = new Date('2027-01-01T19:05:00.000Z'); // 00:05 on 2 January in Astana
      const seeded = await seedDemo(fresh.store, () => justAfterMidnight, DEFAULT_CUSTODY_RULES, {
        dataDir: fresh.dataDir,
      });
      expect(seeded.prison.refused).toBe(6);
      expect(await prisonFindingsByRule(fresh.store)).toEqual(PRISON_FINDINGS);
      const flags = await fresh.store.db.selectFrom('reprisal_flags').select('action').execute();
      expect(flags).toEqual([{ action: 'discipline' }]);
    } finally {
      await fresh.cleanup();
    }
  });
});
