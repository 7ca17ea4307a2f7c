import { BACK_REGIONS, FRONT_REGIONS, type BodySite } from '../domain/medical/body.js';
import {
  ATTRIBUTIONS,
  CONSENT_ANSWERS,
  CONSISTENCY_SCALE,
  DISCLOSURE_RECIPIENTS,
  EXAMINATION_KINDS,
  FINDING_TYPES,
  FITNESS_VERDICTS,
  LEGAL_BASES,
  PRESENT_ROLES,
  REFERRAL_OUTCOMES,
} from '../domain/medical/events.js';
import type { MessageKey, Translator } from './i18n.js';

/*
 * The words of the medical pages for the codes of src/domain/medical/ (issue 19): examination
 * kinds, the Istanbul Protocol's consistency scale, finding types, the body diagram's regions,
 * consent answers, who was present, disclosures and referrals. As in custody-labels.ts, a code
 * the pages do not know is shown as it is rather than hidden. Plain text (for attributes and
 * `safe` content).
 */

const known = <Value extends string>(list: readonly Value[], value: string): value is Value =>
  (list as readonly string[]).includes(value);

function named<Value extends string>(
  tr: Translator,
  list: readonly Value[],
  prefix: string,
  value: string,
): string {
  return known(list, value) ? tr.attr(`${prefix}.${value}` as MessageKey) : value;
}

export const examinationKindName = (tr: Translator, kind: string): string =>
  named(tr, EXAMINATION_KINDS, 'medical.kind', kind);

export const consistencyName = (tr: Translator, opinion: string): string =>
  named(tr, CONSISTENCY_SCALE, 'medical.consistency', opinion);

export const findingTypeName = (tr: Translator, type: string): string =>
  named(tr, FINDING_TYPES, 'medical.findingType', type);

export const regionName = (tr: Translator, region: string): string =>
  named(tr, [...FRONT_REGIONS, ...BACK_REGIONS], 'medical.region', region);

export const bodyViewName = (tr: Translator, view: string): string =>
  named(tr, ['front', 'back'] as const, 'medical.view', view);

export const consentName = (tr: Translator, answer: string): string =>
  named(tr, CONSENT_ANSWERS, 'medical.consent', answer);

export const attributionName = (tr: Translator, attribution: string): string =>
  named(tr, ATTRIBUTIONS, 'medical.attribution', attribution);

export const presentRoleName = (tr: Translator, role: string): string =>
  named(tr, PRESENT_ROLES, 'medical.presentRole', role);

export const fitnessName = (tr: Translator, fitness: string): string =>
  named(tr, FITNESS_VERDICTS, 'medical.fitness', fitness);

export const recipientName = (tr: Translator, recipient: string): string =>
  named(tr, DISCLOSURE_RECIPIENTS, 'medical.recipient', recipient);

export const legalBasisName = (tr: Translator, basis: string): string =>
  named(tr, LEGAL_BASES, 'medical.legalBasis', basis);

export const referralOutcomeName = (tr: Translator, outcome: string): string =>
  named(tr, REFERRAL_OUTCOMES, 'medical.referralOutcome', outcome);

/** A finding's place on the diagram: "Left forearm (front), outer side". */
export function siteText(tr: Translator, site: BodySite): string {
  const place = `${regionName(tr, site.region)} (${bodyViewName(tr, site.view)})`;
  return site.detail ? `${place}, ${site.detail}` : place;
}
