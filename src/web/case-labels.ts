import { CASE_STEPS, DEFENDANT_STEPS } from '../app/cases.js';
import {
  ALLEGATION_SOURCES,
  APPEAL_PARTIES,
  APPEAL_RESULTS,
  DECIDING_BODIES,
  DISCONTINUATION_GROUNDS,
  DOCUMENT_AUTHORS,
  DOCUMENT_KINDS,
  PENALTY_KINDS,
  REDRESS_BODIES,
  REDRESS_CATEGORIES,
  REDRESS_PURPOSES,
  REHABILITATION_MEASURES,
  VERDICT_OUTCOMES,
} from '../domain/cases/events.js';
import { OFFICIAL_AGENCIES } from '../domain/cases/officials.js';
import { DEFENDANT_STAGES } from '../domain/cases/state.js';
import { CASE_STATUSES } from '../domain/cases/status.js';
import type { MessageKey, Translator } from './i18n.js';

/*
 * The words of the case file pages and forms for the closed lists of src/domain/cases/ (issue 20):
 * document kinds and who submitted them, penalties, outcomes, appeals, grounds for discontinuing,
 * deciding bodies, compensation, rehabilitation, a defendant's stage, a case's status, officials'
 * agencies, allegation sources and the names of the file's steps. As in medical-labels.ts, a code
 * the pages do not know is shown as it is rather than hidden. Plain text (for attributes and
 * `safe` content). Keys: `caseLabel.<list>.<code>` in src/web/locales/*.json.
 */

const known = <Value extends string>(list: readonly Value[], value: string): value is Value =>
  (list as readonly string[]).includes(value);

function named<Value extends string>(
  tr: Translator,
  list: readonly Value[],
  prefix: string,
  value: string,
): string {
  return known(list, value) ? tr.attr(`caseLabel.${prefix}.${value}` as MessageKey) : value;
}

export const documentKindName = (tr: Translator, kind: string): string =>
  named(tr, DOCUMENT_KINDS, 'documentKind', kind);

/** Who submitted a document (investigator, procurator, defence, victim, expert, court). */
export const documentAuthorName = (tr: Translator, author: string): string =>
  named(tr, DOCUMENT_AUTHORS, 'author', author);

export const penaltyKindName = (tr: Translator, kind: string): string =>
  named(tr, PENALTY_KINDS, 'penalty', kind);

export const verdictOutcomeName = (tr: Translator, outcome: string): string =>
  named(tr, VERDICT_OUTCOMES, 'outcome', outcome);

export const appealPartyName = (tr: Translator, party: string): string =>
  named(tr, APPEAL_PARTIES, 'appealParty', party);

export const appealResultName = (tr: Translator, result: string): string =>
  named(tr, APPEAL_RESULTS, 'appealResult', result);

export const discontinuationGroundName = (tr: Translator, ground: string): string =>
  named(tr, DISCONTINUATION_GROUNDS, 'ground', ground);

/** Who excluded evidence, voided decisions or quashed a discontinuation. */
export const decidingBodyName = (tr: Translator, body: string): string =>
  named(tr, DECIDING_BODIES, 'body', body);

export const redressBodyName = (tr: Translator, body: string): string =>
  named(tr, REDRESS_BODIES, 'redressBody', body);

export const redressCategoryName = (tr: Translator, category: string): string =>
  named(tr, REDRESS_CATEGORIES, 'redressCategory', category);

export const redressPurposeName = (tr: Translator, purpose: string): string =>
  named(tr, REDRESS_PURPOSES, 'redressPurpose', purpose);

export const rehabilitationMeasureName = (tr: Translator, measure: string): string =>
  named(tr, REHABILITATION_MEASURES, 'rehabilitation', measure);

/** Where a defendant's prosecution stands (suspect, accused, before the court, …). */
export const defendantStageName = (tr: Translator, stage: string): string =>
  named(tr, DEFENDANT_STAGES, 'stage', stage);

/** Where a case stands (under investigation, before the court, decided, discontinued). */
export const caseStatusName = (tr: Translator, status: string): string =>
  named(tr, CASE_STATUSES, 'status', status);

export const agencyName = (tr: Translator, agency: string): string =>
  named(tr, OFFICIAL_AGENCIES, 'agency', agency);

/** Where an allegation in a case comes from (complaint, doctor's referral, death in custody). */
export const allegationSourceName = (tr: Translator, kind: string): string =>
  named(tr, ALLEGATION_SOURCES, 'source', kind);

/** The steps of paths.caseStep, as the link to the step's form says it ("Add a document"). */
export const CASE_PAGE_STEPS = ['allegations', 'suspects', ...CASE_STEPS] as const;
export const caseStepName = (tr: Translator, step: string): string =>
  named(tr, CASE_PAGE_STEPS, 'step', step);

/** The steps of paths.caseDefendantStep ("Charge", "Record the verdict"). */
export const defendantStepName = (tr: Translator, step: string): string =>
  named(tr, DEFENDANT_STEPS, 'defendantStep', step);

/** An amount in tenge as the reader's language writes money: "1 500 000 ₸". */
export function tengeText(tr: Translator, amountKzt: number): string {
  return new Intl.NumberFormat(tr.lang, {
    style: 'currency',
    currency: 'KZT',
    currencyDisplay: 'narrowSymbol',
    maximumFractionDigits: 0,
  }).format(amountKzt);
}

/** One penalty in words: "Imprisonment, 36 months", "Fine, 1 500 000 ₸". */
export function penaltyText(
  tr: Translator,
  penalty: { kind: string; months: number | null; amountKzt: number | null },
): string {
  const parts = [
    penaltyKindName(tr, penalty.kind),
    ...(penalty.months !== null ? [tr.attr('caseLabel.months', { count: penalty.months })] : []),
    ...(penalty.amountKzt !== null ? [tengeText(tr, penalty.amountKzt)] : []),
  ];
  return parts.join(', ');
}

/**
 * A sentence in words: its penalties, then "suspended, probation 24 months" when it is a
 * conditional conviction (kz.torture.sentencing flags those); "no penalty" when it names none.
 */
export function sentenceText(
  tr: Translator,
  sentence: {
    penalties: readonly { kind: string; months: number | null; amountKzt: number | null }[];
    suspended: boolean;
    probationMonths: number | null;
  },
): string {
  const penalties =
    sentence.penalties.length === 0
      ? tr.attr('caseLabel.noPenalty')
      : sentence.penalties.map((penalty) => penaltyText(tr, penalty)).join('; ');
  if (!sentence.suspended) return penalties;
  const suspended =
    sentence.probationMonths === null
      ? tr.attr('caseLabel.suspended')
      : tr.attr('caseLabel.suspendedProbation', { count: sentence.probationMonths });
  return `${penalties}; ${suspended}`;
}
