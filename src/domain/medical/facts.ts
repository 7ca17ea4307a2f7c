import { atLeastConsistent, type ReportFinished } from './events.js';
import type { MedicalRecordState, Recorded } from './state.js';

/* What a person's medical record says: pure queries shared by the decider and kz.medical.report-duty. */

/** The versions of a report, first to latest (empty when there is no such report). */
export const versionsOf = (state: MedicalRecordState, reportId: string): Recorded<ReportFinished>[] =>
  state.reports[reportId] ?? [];

export const latestOf = (state: MedicalRecordState, reportId: string): Recorded<ReportFinished> | null =>
  versionsOf(state, reportId).at(-1) ?? null;

/** Who wrote a report: the clinician of its first version (amendments are theirs alone). */
export const authorOf = (state: MedicalRecordState, reportId: string): string | null =>
  versionsOf(state, reportId)[0]?.clinician.accountId ?? null;

/**
 * The report a chain of second opinions started from: one allegation, referred once, however many
 * clinicians reviewed it (kz.medical.second-opinion).
 */
export function rootReportOf(state: MedicalRecordState, reportId: string): string {
  let current = reportId;
  const seen = new Set<string>();
  for (;;) {
    const reviewed = versionsOf(state, current)[0]?.secondOpinionOf?.reportId;
    if (!reviewed || seen.has(reviewed)) return current;
    seen.add(current);
    current = reviewed;
  }
}

/** Whether the report, or any report of its chain of second opinions, was referred to the procurator. */
export function chainReferred(state: MedicalRecordState, reportId: string): boolean {
  const root = rootReportOf(state, reportId);
  return state.referrals.some(
    (referral) =>
      referral.outcome === 'referred' &&
      referral.reportId !== null &&
      rootReportOf(state, referral.reportId) === root,
  );
}

/**
 * kz.torture.referral from a medical report: the person attributes the injuries to officials and
 * the clinician's overall opinion is "consistent" or stronger.
 */
export const referable = (report: Pick<ReportFinished, 'content'>): boolean =>
  report.content.account.attributedTo === 'officials' && atLeastConsistent(report.content.opinion.overall);

/**
 * Signs documented and then argued away: the person attributes the injuries to officials, the
 * clinician finds at least one of them "consistent" or stronger (a physical finding or the
 * psychological findings), yet the overall opinion is below "consistent", so the report is not
 * referable and no referral is made. The falsified forensic examination of seed ¶42 read this way;
 * kz.medical.report-duty counts it as a referral withheld.
 */
export const downgraded = (report: Pick<ReportFinished, 'content'>): boolean =>
  report.content.account.attributedTo === 'officials' &&
  !atLeastConsistent(report.content.opinion.overall) &&
  (report.content.physicalFindings.some((finding) => atLeastConsistent(finding.consistency)) ||
    atLeastConsistent(report.content.psychologicalFindings.consistency));
