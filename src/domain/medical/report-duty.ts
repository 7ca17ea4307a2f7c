import type { MedicalRules } from '../../rules/medical-rules.js';
import { findingParams, type FindingParamsByRule, type InjuryNoteSource } from '../findings.js';
import type { Episode, ReportFinished } from './events.js';
import { chainReferred, downgraded, referable, rootReportOf } from './facts.js';
import type { MedicalRecordState, Recorded } from './state.js';

/*
 * kz.medical.report-duty (seed ¶42, ¶48): medical staff document and report signs of torture.
 * Two questions, answered from facts alone (pure; src/store/projections/report-duty.ts keeps what
 * is owed, and the scheduler records a finding in the custody episode or prison stay, never in the
 * medical record, whose entries must not tell anyone an injury was seen):
 *
 * 1. An injury noted by custody or prison staff at T — a custody injury entry, a custody
 *    examination with "injuries seen", a prison examination noting bodily harm — or by a doctor
 *    who did not yet write the report: is a doctor's injury report due, and is it late at
 *    T + `reportDutyHours` (24 h by default, src/rules/kz/medical.ts)? It is documented by a report
 *    on an examination of the same custody episode or prison stay, made at or after T (an earlier
 *    examination cannot have seen an injury noted later), finished by the deadline.
 * 2. Documented signs that were not referred: a report whose latest version is referable (the
 *    person attributes the injuries to officials, the opinion is "consistent" or stronger), or
 *    whose overall opinion argues away findings it calls "consistent" or stronger (`downgraded`),
 *    while no report of its chain of second opinions was referred to the procurator.
 */

/** What custody or prison staff noted, with the episode it belongs to. */
export interface StaffInjuryNote {
  source: InjuryNoteSource;
  episode: Episode;
  /** When the injury was noted, as stated (UTC). */
  notedAt: string;
}

export interface ReportDutyStatus {
  rule: 'kz.medical.report-duty';
  /** T + the rule's hours. */
  dueAt: string;
  /** The report that documented the injury in time, if any. */
  documentedBy: { reportId: string; finishedAt: string } | null;
  /** running: not yet due; met: documented by the deadline; breached: due and not documented in time (a finding). */
  state: 'running' | 'met' | 'breached';
}

const HOUR_MS = 3_600_000;

/** The reports (first versions) on examinations of the episode made at or after `from`. */
function reportsOnEpisodeSince(
  record: MedicalRecordState,
  episode: Episode,
  from: number,
): Recorded<ReportFinished>[] {
  return Object.values(record.reports)
    .map((versions) => versions[0])
    .filter((report): report is Recorded<ReportFinished> => {
      if (!report) return false;
      const examination = record.examinations[report.examinationId];
      return (
        examination !== undefined &&
        examination.episode.context === episode.context &&
        examination.episode.id === episode.id &&
        Date.parse(examination.at) >= from
      );
    })
    .sort((a, b) => Date.parse(a.finishedAt) - Date.parse(b.finishedAt));
}

/** kz.medical.report-duty, question 1: the state of the duty to document an injury, at `now`. */
export function reportDuty(
  note: StaffInjuryNote,
  record: MedicalRecordState,
  rules: Pick<MedicalRules, 'reportDutyHours'>,
  now: string,
): ReportDutyStatus {
  const notedAt = Date.parse(note.notedAt);
  const due = notedAt + rules.reportDutyHours * HOUR_MS;
  const dueAt = new Date(due).toISOString();
  const inTime = reportsOnEpisodeSince(record, note.episode, notedAt).find(
    (report) => Date.parse(report.finishedAt) <= due,
  );
  if (inTime)
    return {
      rule: 'kz.medical.report-duty',
      dueAt,
      documentedBy: { reportId: inTime.reportId, finishedAt: inTime.finishedAt },
      state: 'met',
    };
  return {
    rule: 'kz.medical.report-duty',
    dueAt,
    documentedBy: null,
    state: Date.parse(now) >= due ? 'breached' : 'running',
  };
}

/** The doctor's own examinations that noted injuries: each owes a report like a staff note. */
export function injuriesNotedByDoctors(record: MedicalRecordState): StaffInjuryNote[] {
  return Object.values(record.examinations)
    .filter((examination) => examination.injuriesNoted)
    .map((examination) => ({
      source: 'medical-examination' as const,
      episode: examination.episode,
      notedAt: examination.at,
    }));
}

/** kz.medical.report-duty, question 2: referable reports (latest versions) whose chain was never referred. */
export function unreferredSigns(record: MedicalRecordState): Recorded<ReportFinished>[] {
  const found = new Map<string, Recorded<ReportFinished>>();
  for (const versions of Object.values(record.reports)) {
    const latest = versions.at(-1);
    if (!latest || !(referable(latest) || downgraded(latest)) || chainReferred(record, latest.reportId))
      continue;
    const root = rootReportOf(record, latest.reportId);
    if (!found.has(root)) found.set(root, latest);
  }
  return [...found.values()];
}

/**
 * The key of the finding an injury note owes, in its episode: named by the entry that noted it (a
 * log seq) or by the doctor's examination; one finding each.
 */
export const documentDutyKey = (noted: string | number): string => `kz.medical.report-duty@${noted}`;

/** The key of the finding of a chain of reports not referred, named by the report it started from. */
export const referDutyKey = (rootReportId: string): string =>
  `kz.medical.report-duty@referral-${rootReportId}`;

/** A duty not met: an injury noted and not documented by its due time, or documented signs not referred. */
export type ReportDutyOwed =
  | { duty: 'document'; key: string; noted: InjuryNoteSource; notedAt: string; dueAt: string }
  | { duty: 'refer'; key: string; documentedAt: string };

const NOTED_BY: Record<InjuryNoteSource, string> = {
  'custody-injury': 'an injury entered in the custody record',
  'custody-examination': 'injuries seen at the medical examination in custody',
  'prison-examination': 'bodily harm noted at a medical examination',
  'medical-examination': 'injuries a doctor noted at an examination',
};

/**
 * The finding of a duty not met, for the custody episode's or prison stay's stream: what was owed
 * and when, in the operator's English and as data — nothing clinical, no report's content.
 */
export function reportDutyFinding(owed: ReportDutyOwed): {
  key: string;
  rule: 'kz.medical.report-duty';
  kind: 'flag';
  at: string;
  detail: string;
  params: FindingParamsByRule['kz.medical.report-duty'];
} {
  const rule = 'kz.medical.report-duty';
  if (owed.duty === 'refer')
    return {
      key: owed.key,
      rule,
      kind: 'flag',
      at: owed.documentedAt,
      detail: `signs of ill-treatment documented by a doctor at ${owed.documentedAt} were not referred to the procurator`,
      params: findingParams(rule, { duty: 'refer', documentedAt: owed.documentedAt }),
    };
  const hours = Number(((Date.parse(owed.dueAt) - Date.parse(owed.notedAt)) / HOUR_MS).toFixed(2));
  return {
    key: owed.key,
    rule,
    kind: 'flag',
    at: owed.dueAt,
    detail: `${NOTED_BY[owed.noted]} at ${owed.notedAt} was not documented in a doctor's report within ${hours} h`,
    params: findingParams(rule, { duty: 'document', noted: owed.noted, notedAt: owed.notedAt, hours }),
  };
}
