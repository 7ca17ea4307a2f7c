/*
 * The required sections of an Istanbul Protocol report and the parts of a physical finding
 * (intl.medical.report): the closed lists a refusal names (src/domain/refusals.ts), so that a page
 * says which is missing in its reader's language.
 */

export const REPORT_SECTIONS = [
  'consent',
  'circumstances',
  'account',
  'physical-findings',
  'psychological-findings',
  'opinion',
  'treatment',
] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

export const FINDING_PARTS = [
  'type',
  'site',
  'size',
  'shape',
  'colour',
  'estimated-age',
  'consistency',
] as const;
export type FindingPart = (typeof FINDING_PARTS)[number];
