import type { Principal } from '../access/principal.js';
import { clockAt } from '../clocks/clock-at.js';
import { prisonClocks } from '../clocks/prison.js';
import type { Episode, ExaminationKind } from '../domain/medical/events.js';
import { DAY_MS, kzCalendarDate, kzDayStart } from '../domain/prison/facts.js';
import type { StayState } from '../domain/prison/state.js';
import { personStream } from '../domain/registry/person.js';
import { DEFAULT_MEDICAL_RULES, type MedicalRules } from '../rules/medical-rules.js';
import { DEFAULT_PRISON_RULES, type PrisonRules } from '../rules/prison-rules.js';
import type { Store } from '../store/types.js';
import { requireAccess } from './access.js';
import { appendRead } from './audit.js';

/*
 * The doctor's worklist (issue 19 item 7): what the clocks of the doctor's own facilities ask of
 * them now, from the read models that already hold it, and the reports they owe.
 *
 * - Examinations due: a police custody episode whose arrest examination is still awaited
 *   (kz.custody.medical), an admission or transfer in without its examination
 *   (kz.admission.medical), a person in separation not visited today (intl.solitary.health-visits),
 *   and the injury referrals of custody units (kz.custody.injury-log) and prisons that wait for a
 *   doctor. A doctor's own examination of the same episode answers each, whether or not the
 *   custody or prison record has caught up with it yet.
 * - Injury reports due (kz.medical.report-duty): an examination that noted injuries with no report
 *   on it, due `reportDutyHours` after the first injury noted on its episode (medical_report_duty).
 * - The newest reports written in those facilities.
 *
 * The lists name people and say who has injuries noted: every worklist read is recorded as the
 * lists of referrals are (`audit/medical-worklist`), naming the people shown.
 */

export interface MedicalWorklistServices {
  store: Store;
  prisonRules?: PrisonRules;
  medicalRules?: MedicalRules;
}

/** Why an examination is due, with the rule that asks for it and the kind of examination it calls for. */
export const DUE_REASONS = {
  arrest: { rule: 'kz.custody.medical', kind: 'on-arrest' },
  admission: { rule: 'kz.admission.medical', kind: 'on-admission' },
  separation: { rule: 'intl.solitary.health-visits', kind: 'separation-health-visit' },
  'custody-injury': { rule: 'kz.custody.injury-log', kind: 'on-request' },
  'prison-harm': { rule: 'kz.admission.medical', kind: 'on-request' },
} as const satisfies Record<string, { rule: string; kind: ExaminationKind }>;
export type DueReason = keyof typeof DUE_REASONS;

export interface DueExamination {
  reason: DueReason;
  personId: string;
  personName: string;
  facilityId: string;
  facilityName: string;
  episode: Episode;
  /** Since when it is asked for: the clock's start, the referral's opening, the day's start. */
  since: string;
  /** When it is due; null when the asking has no deadline of its own (a referral). */
  dueAt: string | null;
}

export interface DueReport {
  examinationId: string;
  personId: string;
  personName: string;
  facilityName: string;
  kind: string;
  examinedAt: string;
  clinicianName: string;
  /** kz.medical.report-duty: the examination plus the rule's hours. */
  dueAt: string;
}

export interface RecentReport {
  reportId: string;
  personId: string;
  personName: string;
  facilityName: string;
  clinicianName: string;
  version: number;
  finishedAt: string;
  secondOpinion: boolean;
  /** The allegation's reference when the report was referred to the procurator. */
  reference: string | null;
}

export interface MedicalWorklist {
  examinations: DueExamination[];
  reports: DueReport[];
  recent: RecentReport[];
}

/** How many recent reports the worklist shows. */
export const RECENT_REPORTS = 20;

const HOUR_MS = 3_600_000;

type NameParts = { family_name: string | null; given_names: string | null; patronymic: string | null };
const nameOf = (row: NameParts): string =>
  [row.family_name ?? '', row.given_names ?? '', row.patronymic ?? '']
    .filter((part) => part !== '')
    .join(' ');

/** The doctor's own examinations of each episode (`custody/<id>`, `prison/<id>`): kind and time. */
async function examinationsByEpisode(
  store: Store,
  facilities: string[],
): Promise<Map<string, { kind: string; at: number }[]>> {
  const rows = await store.db
    .selectFrom('medical_examinations')
    .select(['episode_context', 'episode_id', 'kind', 'at'])
    .where('facility_id', 'in', facilities)
    .execute();
  const byEpisode = new Map<string, { kind: string; at: number }[]>();
  for (const row of rows) {
    const key = `${row.episode_context}/${row.episode_id}`;
    byEpisode.set(key, [...(byEpisode.get(key) ?? []), { kind: row.kind, at: Date.parse(row.at) }]);
  }
  return byEpisode;
}

export async function medicalWorklist(
  services: MedicalWorklistServices,
  principal: Principal | null,
  now: Date,
): Promise<MedicalWorklist> {
  const doctor = requireAccess(principal, 'medical.read');
  const facilities = doctor.facilities;
  if (facilities.length === 0) return { examinations: [], reports: [], recent: [] };
  const { store } = services;
  const prisonRules = services.prisonRules ?? DEFAULT_PRISON_RULES;
  const medicalRules = services.medicalRules ?? DEFAULT_MEDICAL_RULES;
  const nowIso = now.toISOString();
  const examined = await examinationsByEpisode(store, facilities);
  /** Whether the doctor examined the episode at or after `from` (of one of `kinds`, when given). */
  const answered = (episode: Episode, from: number, kinds?: readonly string[]): boolean =>
    (examined.get(`${episode.context}/${episode.id}`) ?? []).some(
      (exam) => exam.at >= from && (kinds === undefined || kinds.includes(exam.kind)),
    );
  const due: DueExamination[] = [];

  // kz.custody.medical: the arrest examination's clock still running in a custody unit of theirs.
  const arrests = await store.db
    .selectFrom('custody_clocks as c')
    .innerJoin('custody_episodes as e', 'e.id', 'c.custody_id')
    .innerJoin('facilities as f', 'f.id', 'e.facility_id')
    .leftJoin('people as p', 'p.id', 'e.person_id')
    .select(['e.id', 'e.person_id', 'e.facility_id', 'f.name as facility_name', 'c.started_at', 'c.due_at'])
    .select(['p.family_name', 'p.given_names', 'p.patronymic'])
    .where('c.rule', '=', 'kz.custody.medical')
    .where('c.outcome', '=', 'running')
    .where('e.status', '=', 'in-custody')
    .where('e.facility_id', 'in', facilities)
    .execute();
  for (const row of arrests) {
    const episode: Episode = { context: 'custody', id: row.id };
    if (answered(episode, 0, ['on-arrest'])) continue;
    due.push({
      reason: 'arrest',
      personId: row.person_id,
      personName: nameOf(row),
      facilityId: row.facility_id,
      facilityName: row.facility_name,
      episode,
      since: row.started_at,
      dueAt: row.due_at,
    });
  }

  // kz.admission.medical and intl.solitary.health-visits: the stays held in their facilities.
  const stays = await store.db
    .selectFrom('prison_stays as s')
    .innerJoin('facilities as f', 'f.id', 's.facility_id')
    .leftJoin('people as p', 'p.id', 's.person_id')
    .select(['s.id', 's.person_id', 's.facility_id', 's.state', 's.separation_start', 's.separation_end'])
    .select(['f.name as facility_name', 'p.family_name', 'p.given_names', 'p.patronymic'])
    .where('s.status', '=', 'held')
    .where('s.facility_id', 'in', facilities)
    .execute();
  const dayStart = kzDayStart(kzCalendarDate(nowIso));
  for (const row of stays) {
    const state = JSON.parse(row.state) as StayState;
    const episode: Episode = { context: 'prison', id: row.id };
    const base = {
      personId: row.person_id,
      personName: nameOf(row),
      facilityId: row.facility_id,
      facilityName: row.facility_name,
      episode,
    };
    for (const clock of prisonClocks(state, prisonRules)) {
      if (clock.rule !== 'kz.admission.medical' || clock.outcome !== 'running') continue;
      if (clockAt(clock, nowIso).state === 'stopped') continue;
      const from = Date.parse(clock.startedAt);
      if (answered(episode, from, ['on-admission', 'on-return-from-police-custody'])) continue;
      due.push({ ...base, reason: 'admission', since: clock.startedAt, dueAt: clock.dueAt });
    }
    const separated =
      row.separation_start !== null &&
      row.separation_start <= nowIso &&
      (row.separation_end === null || row.separation_end > nowIso);
    if (!separated) continue;
    const visitedToday = state.timeline.some(
      (item) =>
        item.event.type === 'health-visit' &&
        Date.parse(item.event.payload.at) >= dayStart &&
        Date.parse(item.event.payload.at) < dayStart + DAY_MS,
    );
    if (visitedToday || answered(episode, dayStart, ['separation-health-visit'])) continue;
    due.push({
      ...base,
      reason: 'separation',
      since: new Date(Math.max(dayStart, Date.parse(row.separation_start ?? nowIso))).toISOString(),
      dueAt: new Date(dayStart + DAY_MS).toISOString(),
    });
  }

  // The injury referrals waiting for a doctor: custody units' injury entries, prisons' bodily harm.
  const custodyReferrals = await store.db
    .selectFrom('custody_referrals as r')
    .innerJoin('facilities as f', 'f.id', 'r.facility_id')
    .leftJoin('people as p', 'p.id', 'r.person_id')
    .select(['r.custody_id', 'r.person_id', 'r.facility_id', 'r.opened_at', 'f.name as facility_name'])
    .select(['p.family_name', 'p.given_names', 'p.patronymic'])
    .where('r.status', '=', 'open')
    .where('r.facility_id', 'in', facilities)
    .execute();
  const prisonReferrals = await store.db
    .selectFrom('prison_referrals as r')
    .innerJoin('facilities as f', 'f.id', 'r.facility_id')
    .leftJoin('people as p', 'p.id', 'r.person_id')
    .select(['r.stay_id', 'r.person_id', 'r.facility_id', 'r.opened_at', 'f.name as facility_name'])
    .select(['p.family_name', 'p.given_names', 'p.patronymic'])
    .where('r.status', '=', 'open')
    .where('r.facility_id', 'in', facilities)
    .execute();
  const referrals = [
    ...custodyReferrals.map((row) => ({
      ...row,
      reason: 'custody-injury' as const,
      episode: { context: 'custody' as const, id: row.custody_id },
    })),
    ...prisonReferrals.map((row) => ({
      ...row,
      reason: 'prison-harm' as const,
      episode: { context: 'prison' as const, id: row.stay_id },
    })),
  ];
  const referred = new Set<string>();
  for (const row of referrals) {
    // One line per episode: its earliest open referral.
    const key = `${row.episode.context}/${row.episode.id}`;
    if (referred.has(key) || answered(row.episode, Date.parse(row.opened_at))) continue;
    const earliest = referrals
      .filter((other) => other.episode.context === row.episode.context && other.episode.id === row.episode.id)
      .reduce((first, other) => (other.opened_at < first.opened_at ? other : first));
    referred.add(key);
    due.push({
      reason: row.reason,
      personId: row.person_id,
      personName: nameOf(row),
      facilityId: row.facility_id,
      facilityName: row.facility_name,
      episode: row.episode,
      since: earliest.opened_at,
      dueAt: null,
    });
  }
  due.sort(
    (a, b) =>
      (a.dueAt ?? a.since).localeCompare(b.dueAt ?? b.since) || a.personName.localeCompare(b.personName),
  );

  // kz.medical.report-duty: examinations that noted injuries and have no report yet.
  const unreported = await store.db
    .selectFrom('medical_examinations as m')
    .innerJoin('facilities as f', 'f.id', 'm.facility_id')
    .leftJoin('people as p', 'p.id', 'm.person_id')
    .leftJoin('medical_reports as r', 'r.examination_id', 'm.id')
    .select(['m.id', 'm.person_id', 'm.kind', 'm.at', 'm.clinician_name', 'f.name as facility_name'])
    .select(['m.episode_context', 'm.episode_id'])
    .select(['p.family_name', 'p.given_names', 'p.patronymic'])
    .where('m.injuries_noted', '=', 1)
    .where('r.id', 'is', null)
    .where('m.facility_id', 'in', facilities)
    .orderBy('m.at')
    .orderBy('m.id')
    .execute();
  // The deadline is the earliest injury noted on the same episode at or before the examination
  // (a custody injury entry at T is documented by T + 24 h, however late the doctor examined), as
  // the duty's read model holds it with the rules in force; else the examination's own.
  const duties =
    unreported.length === 0
      ? []
      : await store.db
          .selectFrom('medical_report_duty')
          .select(['episode_context', 'episode_id', 'noted_at', 'due_at'])
          .where('duty', '=', 'document')
          .where('report_id', 'is', null)
          .where('facility_id', 'in', facilities)
          .execute();
  const reports: DueReport[] = unreported.map((row) => {
    const noted = duties
      .filter(
        (duty) =>
          duty.episode_context === row.episode_context &&
          duty.episode_id === row.episode_id &&
          duty.noted_at <= row.at,
      )
      .map((duty) => duty.due_at)
      .sort();
    return {
      examinationId: row.id,
      personId: row.person_id,
      personName: nameOf(row),
      facilityName: row.facility_name,
      kind: row.kind,
      examinedAt: row.at,
      clinicianName: row.clinician_name,
      dueAt: noted[0] ?? new Date(Date.parse(row.at) + medicalRules.reportDutyHours * HOUR_MS).toISOString(),
    };
  });

  const written = await store.db
    .selectFrom('medical_reports as r')
    .innerJoin('facilities as f', 'f.id', 'r.facility_id')
    .leftJoin('people as p', 'p.id', 'r.person_id')
    .select(['r.id', 'r.person_id', 'r.clinician_name', 'r.latest_version', 'r.finished_at'])
    .select(['r.second_opinion_of', 'f.name as facility_name'])
    .select(['p.family_name', 'p.given_names', 'p.patronymic'])
    .where('r.facility_id', 'in', facilities)
    .orderBy('r.finished_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(RECENT_REPORTS)
    .execute();
  const references = new Map(
    written.length === 0
      ? []
      : (
          await store.db
            .selectFrom('medical_referrals')
            .select(['report_id', 'reference'])
            .where(
              'report_id',
              'in',
              written.map((row) => row.id),
            )
            .execute()
        ).map((row) => [row.report_id, row.reference] as const),
  );
  const recent: RecentReport[] = written.map((row) => ({
    reportId: row.id,
    personId: row.person_id,
    personName: nameOf(row),
    facilityName: row.facility_name,
    clinicianName: row.clinician_name,
    version: row.latest_version,
    finishedAt: row.finished_at,
    secondOpinion: row.second_opinion_of !== null,
    reference: references.get(row.id) ?? null,
  }));

  const people = [...new Set([...due, ...reports, ...recent].map((row) => row.personId))];
  if (people.length > 0)
    await appendRead(store, doctor, 'medical-worklist', undefined, people.map(personStream));
  return { examinations: due, reports, recent };
}
