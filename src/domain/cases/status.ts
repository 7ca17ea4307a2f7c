import { isTortureArticle } from '../../rules/case-rules.js';
import { caseDiscontinued, type CaseState, type DefendantRecord } from './state.js';

/*
 * Where a case stands, for lists, the complainant's status check and statistics (issue 20, 22):
 * derived from the file, never recorded.
 */
export const CASE_STATUSES = ['investigation', 'in-court', 'decided', 'discontinued'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

const DECIDED = new Set(['convicted', 'acquitted']);

export function caseStatus(state: CaseState): CaseStatus {
  if (caseDiscontinued(state)) return 'discontinued';
  const stages = state.defendants.map((defendant) => defendant.stage);
  if (stages.some((stage) => stage === 'in-court')) return 'in-court';
  if (stages.length > 0 && stages.every((stage) => stage === 'discontinued')) return 'discontinued';
  if (
    stages.some((stage) => DECIDED.has(stage)) &&
    stages.every((stage) => DECIDED.has(stage) || stage === 'discontinued')
  )
    return 'decided';
  return 'investigation';
}

/** kz.torture.sentencing: the charge or the outcome that stands left the torture article. */
export function reclassified(defendant: DefendantRecord): boolean {
  const charge = defendant.charges.at(-1)?.article;
  const outcome = defendant.final?.article;
  return (
    (charge !== undefined && !isTortureArticle(charge)) ||
    (outcome !== undefined && !isTortureArticle(outcome))
  );
}

/** The date the outcome that stands was decided: the changing appeal's, else the last verdict's. */
export function decidedOn(defendant: DefendantRecord): string | null {
  if (defendant.final === null) return null;
  const changed = defendant.appeals.findLast((appeal) => appeal.decided?.result === 'changed');
  const verdict = defendant.verdicts.at(-1);
  if (changed?.decided && verdict && changed.decided.decidedOn >= verdict.decidedOn)
    return changed.decided.decidedOn;
  return verdict?.decidedOn ?? null;
}
