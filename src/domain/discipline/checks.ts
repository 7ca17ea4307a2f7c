import type { FacilityKind } from '../registry/facility.js';
import { refuse, type Refusal } from '../decision.js';
import type { SolitaryExemptGroup } from '../findings.js';
import { reason, type KzExemptPerson } from '../refusals.js';
import {
  addMonths,
  DAY_MS,
  daysBetween,
  examinationTimes,
  fitnessVerdicts,
  HOUR_MS,
  iso,
  itemsOf,
  juvenileOn,
  kzCalendarDate,
  vulnerabilitiesOn,
} from '../prison/facts.js';
import type { StayState } from '../prison/state.js';
import { runAt } from './separation.js';
import {
  KZ_DISCIPLINE_MEASURES,
  OPEN_PRISON_MEASURES,
  SEPARATION_MEASURES,
  type DisciplineMeasure,
} from '../../rules/kz/prison.js';
import { PROHIBITED_SANCTIONS } from '../../rules/intl/prison.js';
import type { PrisonRules } from '../../rules/prison-rules.js';

/*
 * The discipline rules (RULES.md "Prisons and remand centres", seed ¶17) as pure checks of a
 * proposed measure against a stay's record. National law (`kz.discipline.*`) refuses, in the order
 * a governor needs to hear it: a measure that does not exist, a person who may never be separated,
 * a duration over the limit, solitary without an earlier punishment block, and no examination in
 * the 24 hours before (or one whose doctor found the person unfit). The same function explains a refusal on the form before it is submitted.
 */

export interface ProposedMeasure {
  measure: string;
  days: number | null;
  /** When the measure would start (epoch ms). */
  startsAt: number;
}

/** Whose separation national law forbids (kz.discipline.exempt), by vulnerability. */
const KZ_EXEMPT: Readonly<Record<string, KzExemptPerson>> = {
  pregnant: 'pregnant',
  'infant-in-facility': 'infant-in-facility',
  'released-from-work-pregnancy-childbirth': 'released-from-work-pregnancy-childbirth',
};

/** The operator's English for whom national law never separates. */
const KZ_EXEMPT_TEXT: Readonly<Record<KzExemptPerson, string>> = {
  minor: 'a minor',
  pregnant: 'a pregnant woman',
  'infant-in-facility': 'a woman whose infant lives with her in the facility',
  'released-from-work-pregnancy-childbirth': 'a woman released from work owing to pregnancy or childbirth',
};

/** The operator's English for the groups intl.solitary.exempt protects. */
const EXEMPT_GROUP_TEXT: Readonly<Record<SolitaryExemptGroup, string>> = {
  child: 'a child',
  pregnant: 'a pregnant woman',
  infant: 'a woman with an infant',
  breastfeeding: 'a breastfeeding mother',
  disability: 'a person whose disability separation would worsen',
};

export const exemptGroupText = (group: SolitaryExemptGroup): string => EXEMPT_GROUP_TEXT[group];

export const isMeasure = (measure: string): measure is DisciplineMeasure =>
  (KZ_DISCIPLINE_MEASURES as readonly string[]).includes(measure);

export const isSeparation = (measure: string): boolean =>
  (SEPARATION_MEASURES as readonly string[]).includes(measure);

/** kz.discipline.exempt: why this person may not be separated on this date, or null. */
export function kzExemption(state: StayState, date: string): KzExemptPerson | null {
  if (juvenileOn(state, date)) return 'minor';
  for (const vulnerability of vulnerabilitiesOn(state, date)) {
    const who = KZ_EXEMPT[vulnerability.kind];
    if (who) return who;
  }
  return null;
}

/** intl.solitary.exempt (SMR 45(2), BR 22): the groups never to be held in solitary or close confinement, on a date. */
export function intlExemptions(state: StayState, date: string): SolitaryExemptGroup[] {
  const groups: SolitaryExemptGroup[] = [];
  if (juvenileOn(state, date)) groups.push('child');
  for (const vulnerability of vulnerabilitiesOn(state, date)) {
    if (vulnerability.kind === 'pregnant') groups.push('pregnant');
    if (vulnerability.kind === 'infant-in-facility') groups.push('infant');
    if (vulnerability.kind === 'breastfeeding') groups.push('breastfeeding');
    if (vulnerability.kind === 'disability' && vulnerability.worsenedBySeparation) groups.push('disability');
  }
  return [...new Set(groups)];
}

/** kz.discipline.solitary: the most days of solitary that start on `date` (four calendar months). */
export function solitaryMaxDays(date: string, rules: PrisonRules): number {
  return daysBetween(date, addMonths(date, rules.solitaryMaxMonths));
}

/**
 * Why national law refuses the measure, or null when it may be decided. Pure: the facility's kind
 * (open-prison measures) comes in with the call.
 */
export function disciplineRefusal(
  state: StayState,
  proposal: ProposedMeasure,
  rules: PrisonRules,
  facilityKind: FacilityKind | null,
): Refusal | null {
  const [first, ...also] = disciplineRefusals(state, proposal, rules, facilityKind);
  if (first === undefined) return null;
  return also.length > 0 ? { ...first, also } : first;
}

/**
 * Every national rule the measure breaks, in the order a governor needs to hear them (empty: it
 * may be decided). A measure that does not exist, or exists only elsewhere, ends the list there:
 * its duration and the person's exemptions mean nothing. For a separation the checks of the person,
 * the duration, the earlier punishment block and the examination are independent, and all are named.
 */
export function disciplineRefusals(
  state: StayState,
  proposal: ProposedMeasure,
  rules: PrisonRules,
  facilityKind: FacilityKind | null,
): Refusal[] {
  const { measure, days, startsAt } = proposal;
  if ((PROHIBITED_SANCTIONS as readonly string[]).includes(measure))
    return [
      refuse(`${measure} is a prohibited sanction (SMR 43): no such measure exists`, {
        rule: 'intl.sanction.prohibited',
        field: 'measure',
        reason: reason('discipline.prohibited', { sanction: measure }),
      }),
    ];
  if (!isMeasure(measure))
    return [
      refuse(`"${measure}" is not a disciplinary measure: use one of ${KZ_DISCIPLINE_MEASURES.join(', ')}`, {
        rule: 'kz.discipline.measures',
        field: 'measure',
        reason: reason('discipline.unknown-measure', { measure }),
      }),
    ];
  if (OPEN_PRISON_MEASURES.includes(measure) && facilityKind !== 'open-prison')
    return [
      refuse(`${measure} exists only in open prisons`, {
        rule: 'kz.discipline.measures',
        field: 'measure',
        reason: reason('discipline.open-prison-only', { measure }),
      }),
    ];
  if (
    measure === 'strict-conditions' &&
    !itemsOf(state, 'discipline-decided').some(
      (item) => ms(item.event.payload.startsAt) <= startsAt && !quashed(state, item.event.payload.decisionId),
    )
  )
    return [
      refuse('strict conditions are for persistent offenders: no earlier disciplinary measure is recorded', {
        rule: 'kz.discipline.measures',
        field: 'measure',
        reason: reason('discipline.strict-conditions-first', {}),
      }),
    ];
  if (!isSeparation(measure)) return [];

  const refusals: Refusal[] = [];
  // The person before the duration: an exempt person is refused whatever the days (or their absence).
  const startDate = kzCalendarDate(iso(startsAt));
  const exempt = kzExemption(state, startDate);
  if (exempt)
    refusals.push(
      refuse(
        `${KZ_EXEMPT_TEXT[exempt]} may never be placed in a punishment block or solitary confinement (seed ¶17)`,
        {
          rule: 'kz.discipline.exempt',
          field: 'measure',
          reason: reason('discipline.exempt', { person: exempt }),
        },
      ),
    );
  const rule = measure === 'solitary' ? 'kz.discipline.solitary' : 'kz.discipline.punishment-block';
  if (days === null)
    refusals.push(
      refuse(
        `a ${measure === 'solitary' ? 'solitary' : 'punishment-block'} placement needs its number of days`,
        {
          rule,
          field: 'days',
          reason: reason('discipline.days-needed', { measure }),
        },
      ),
    );
  else if (measure === 'punishment-block' && days > rules.punishmentBlockMaxDays)
    refusals.push(
      refuse(`a punishment block lasts at most ${rules.punishmentBlockMaxDays} days, not ${days}`, {
        rule: 'kz.discipline.punishment-block',
        field: 'days',
        reason: reason('discipline.punishment-block-too-long', {
          maxDays: rules.punishmentBlockMaxDays,
          days,
        }),
      }),
    );
  else if (measure === 'solitary') {
    const maxDays = solitaryMaxDays(startDate, rules);
    if (days > maxDays)
      refusals.push(
        refuse(
          `solitary confinement lasts at most ${rules.solitaryMaxMonths} months (${maxDays} days from ${startDate}), not ${days} days`,
          {
            rule: 'kz.discipline.solitary',
            field: 'days',
            reason: reason('discipline.solitary-too-long', {
              maxMonths: rules.solitaryMaxMonths,
              maxDays,
              from: startDate,
              days,
            }),
          },
        ),
      );
  }
  if (measure === 'solitary') {
    const priorBlock = itemsOf(state, 'discipline-decided').some(
      (item) =>
        item.event.payload.measure === 'punishment-block' &&
        ms(item.event.payload.startsAt) < startsAt &&
        !quashed(state, item.event.payload.decisionId),
    );
    if (!priorBlock)
      refusals.push(
        refuse('only a person placed in a punishment block before may be placed in solitary confinement', {
          rule: 'kz.discipline.solitary-prior',
          field: 'measure',
          reason: reason('discipline.solitary-prior', {}),
        }),
      );
  }
  const window = rules.medicalBeforeHours * HOUR_MS;
  // A measure that extends the same placement already running (back-to-back: a punishment block
  // after a punishment block, starting as it ends) is no new placement: the examination before that
  // run began still answers for it. Moving into solitary is a new placement and needs its own.
  const running = runAt(state, rules, startsAt - 1);
  const continues =
    running !== null &&
    running.end !== null &&
    running.end >= startsAt &&
    running.intervals.some((interval) => interval.source === measure && interval.end === running.end);
  const from = continues ? Math.min(running.start, startsAt) - window : startsAt - window;
  const examined = examinationTimes(state).some((at) => at <= startsAt && at >= from);
  // The doctor's latest verdict in that window decides: an examination that found the person unfit
  // does not allow the placement it was made for (issue 19: the doctor's own record).
  const verdict = fitnessVerdicts(state)
    .filter(({ at }) => at <= startsAt && at >= from)
    .at(-1);
  if (verdict?.fitness === 'unfit')
    refusals.push(
      refuse(
        `the doctor found the person unfit for separation at ${iso(verdict.at)}: the placement at ${iso(startsAt)} cannot go ahead`,
        {
          rule: 'kz.discipline.medical-before',
          field: 'measure',
          reason: reason('discipline.medical-unfit', {
            examinedAt: iso(verdict.at),
            placementAt: iso(startsAt),
          }),
        },
      ),
    );
  else if (!examined)
    refusals.push(
      refuse(
        `no medical examination is recorded in the ${rules.medicalBeforeHours} hours before the placement at ${iso(startsAt)}`,
        {
          rule: 'kz.discipline.medical-before',
          field: 'measure',
          reason: reason('discipline.medical-before', {
            hours: rules.medicalBeforeHours,
            placementAt: iso(startsAt),
          }),
        },
      ),
    );
  return refusals;
}

function quashed(state: StayState, decisionId: string): boolean {
  return itemsOf(state, 'appeal-decided').some(
    (item) => item.event.payload.decisionId === decisionId && item.event.payload.outcome === 'quashed',
  );
}

const ms = (value: string): number => Date.parse(value);

/** The moment a measure of `days` days starting at `startsAt` ends. */
export const measureEnd = (startsAt: number, days: number): number => startsAt + days * DAY_MS;
