import { dueStayFindings, prolongedKey, recordedKeys, runProlongedKey } from '../../clocks/prison.js';
import { placementRefusal } from '../../rules/placement-checks.js';
import type { DisciplineMeasure } from '../../rules/kz/prison.js';
import { packOf, type PrisonRules } from '../../rules/prison-rules.js';
import {
  disciplineRefusal,
  exemptGroupText,
  intlExemptions,
  isSeparation,
  measureEnd,
} from '../discipline/checks.js';
import { runAt, separatedAt, separationEndAfter } from '../discipline/separation.js';
import { refuse, type Refusal } from '../decision.js';
import { findingParams, type FindingParams } from '../findings.js';
import { reason } from '../refusals.js';
import type {
  AdmitPrisoner,
  PrisonCommand,
  RecordDoctorsExamination,
  RecordStayEvent,
  RecordStayFinding,
} from './commands.js';
import type { PrisonEvent, PrisonFindingRecorded } from './events.js';
import { evolveStay } from './evolve.js';
import { iso, itemsOf, kzCalendarDate, ms, stayEndedAt, vulnerabilitiesOn } from './facts.js';
import { initialStayState, type StayState } from './state.js';

/*
 * The prison decider (STYLE.md "Deciders"): pure functions of a stay's state and a command.
 * National rules refuse and name the rule (kz.discipline.*); international ones add findings
 * (intl.solitary.*, intl.search.women). Every decision ends with the findings due at `now`, so a
 * late record is found at once.
 */

type Decision = PrisonEvent[] | Refusal;

/** What may still be recorded once the stay has ended: the family's notification (after a death, say). */
const AFTER_STAY: ReadonlySet<string> = new Set(['family-notified']);
const PERSONAL_SEARCHES: ReadonlySet<string> = new Set(['personal', 'strip']);

function flag(
  rules: PrisonRules,
  key: string,
  rule: string,
  at: string,
  detail: string,
  params: FindingParams,
): PrisonFindingRecorded {
  return {
    type: 'finding-recorded',
    payload: { key, rule, kind: 'flag', at, detail, params, ...packOf(rules, rule) },
  };
}

/** The proposed events folded (with negative seqs, which no entry has), then the findings due at `now`. */
function withDueFindings(
  state: StayState,
  events: PrisonEvent[],
  rules: PrisonRules,
  command: { now: string; actor: string },
): PrisonEvent[] {
  const after = foldProposed(state, events, command);
  const already = new Set(
    events.flatMap((event) => (event.type === 'finding-recorded' ? [event.payload.key] : [])),
  );
  return [
    ...events,
    ...dueStayFindings(after, rules, command.now).filter((due) => !already.has(due.payload.key)),
  ];
}

function foldProposed(
  state: StayState,
  events: PrisonEvent[],
  command: { now: string; actor: string },
): StayState {
  return events.reduce(
    (current, event, index) =>
      evolveStay(current, event, {
        seq: -1 - index,
        version: state.version + index,
        recordedAt: command.now,
        actor: command.actor,
      }),
    state,
  );
}

function admit(command: AdmitPrisoner, state: StayState, rules: PrisonRules): Decision {
  if (state.admitted || state.version > 0)
    return refuse(`stay ${command.stayId} is already open: record events on it instead`);
  if (ms(command.admittedAt) > ms(command.now))
    return refuse(
      `the moment of admission (${command.admittedAt}) is in the future: state when the person was admitted`,
      {
        rule: 'intl.register.minimum',
        field: 'admittedAt',
        reason: reason('admission.future', { admittedAt: command.admittedAt }),
      },
    );
  if (ms(command.deprivedOfLiberty.at) > ms(command.admittedAt))
    return refuse('the person cannot have been deprived of liberty after they were admitted', {
      rule: 'intl.register.minimum',
      field: 'deprivedOfLiberty',
      reason: reason('admission.deprived-after', {
        deprivedAt: command.deprivedOfLiberty.at,
        admittedAt: command.admittedAt,
      }),
    });
  if (kzCalendarDate(command.admittedAt) < command.person.birthDate)
    return refuse(`the moment of admission is before the person's birth date (${command.person.birthDate})`, {
      field: 'admittedAt',
    });
  // kz.placement.separation: the facility must be one that may hold this person on the day.
  const conflict = placementRefusal(command.facilityPopulation, command.person, command.admittedAt);
  if (conflict)
    return refuse(conflict.detail, {
      rule: 'kz.placement.separation',
      field: 'facilityId',
      reason: conflict.reason,
    });
  const admitted: PrisonEvent = {
    type: 'prison-admitted',
    payload: {
      stayId: command.stayId,
      personId: command.personId,
      facilityId: command.facilityId,
      admittedAt: command.admittedAt,
      recordedAt: command.now,
      commitmentOrder: command.commitmentOrder,
      custodyId: command.custodyId,
      deprivedOfLiberty: command.deprivedOfLiberty,
      lifeSentence: command.lifeSentence,
      sex: command.person.sex,
      birthDate: command.person.birthDate,
      languages: [...new Set(command.person.languages)],
      reachedBy: command.reachedBy,
      identityDocument: command.identityDocument,
    },
  };
  return withDueFindings(state, [admitted], rules, command);
}

/** The moment a stated `at` must lie in: not in the future, not before the admission. */
function checkMoment(at: string, state: StayState, now: string, field = 'at'): Refusal | null {
  if (ms(at) > ms(now))
    return refuse(`${at} is in the future: record what happened when it happened`, {
      field,
      reason: reason('moment.future', { at }),
    });
  const admittedAt = state.admitted?.admittedAt;
  if (admittedAt && ms(at) < ms(admittedAt))
    return refuse(`${at} is before the admission (${admittedAt}): check the time`, { field });
  return null;
}

function record(command: RecordStayEvent, state: StayState, rules: PrisonRules): Decision {
  const admitted = state.admitted;
  if (!admitted) return refuse('there is no stay here: admit the person first');
  const input = command.input;
  if (state.status !== 'held' && !AFTER_STAY.has(input.type))
    return refuse(
      `the stay has ended (the person ${state.status === 'died' ? 'died' : 'was released'}): only the family's notification can still be recorded`,
    );
  const at = 'at' in input && input.at !== undefined ? input.at : command.now;
  if (
    input.type !== 'exercise-logged' &&
    input.type !== 'vulnerability-recorded' &&
    input.type !== 'vulnerability-ended'
  ) {
    const problem = checkMoment(at, state, command.now);
    if (problem) return problem;
  }
  const today = kzCalendarDate(command.now);
  const admissionDay = kzCalendarDate(admitted.admittedAt);
  const events: PrisonEvent[] = [];
  switch (input.type) {
    case 'medical-examined': {
      const lastArrival = Math.max(
        ms(admitted.admittedAt),
        ...itemsOf(state, 'transferred').map((item) => ms(item.event.payload.at)),
      );
      const examinedSince = itemsOf(state, 'medical-examined').some(
        (item) => ms(item.event.payload.at) >= lastArrival,
      );
      events.push({
        type: 'medical-examined',
        payload: {
          at,
          examinedBy: input.examinedBy ?? command.actorName,
          purpose: input.purpose ?? (examinedSince ? 'routine' : 'admission'),
          hivScreening: input.hivScreening ?? 'not-done',
          tbScreening: input.tbScreening ?? 'not-done',
          bodilyHarm: input.bodilyHarm ?? false,
          results: input.results
            ? {
                hiv: input.results.hiv ?? null,
                tb: input.results.tb ?? null,
                notes: input.results.notes ?? null,
              }
            : null,
        },
      });
      break;
    }
    case 'vulnerability-recorded':
      if (input.to !== undefined && input.to < input.from)
        return refuse(`the end (${input.to}) is before the start (${input.from})`, { field: 'to' });
      if (input.from > today)
        return refuse(`${input.from} is in the future: record a fact once it holds`, { field: 'from' });
      events.push({
        type: 'vulnerability-recorded',
        payload: {
          kind: input.kind,
          from: input.from,
          to: input.to ?? null,
          worsenedBySeparation: input.worsenedBySeparation ?? false,
          note: input.note ?? null,
        },
      });
      break;
    case 'vulnerability-ended':
      if (!vulnerabilitiesOn(state, input.on).some((vulnerability) => vulnerability.kind === input.kind))
        return refuse(`no ${input.kind} is recorded as in force on ${input.on}`, { field: 'kind' });
      if (input.on > today) return refuse(`${input.on} is in the future`, { field: 'on' });
      events.push({ type: 'vulnerability-ended', payload: { kind: input.kind, on: input.on } });
      break;
    case 'placed': {
      events.push({
        type: 'placed',
        payload: {
          at,
          unit: input.unit,
          localName: input.localName ?? null,
          hoursWithoutContact: input.hoursWithoutContact,
        },
      });
      if (input.hoursWithoutContact >= rules.solitaryHoursWithoutContact) {
        const called = input.localName ?? input.unit;
        events.push(
          flag(
            rules,
            `intl.solitary.definition@v${state.version}`,
            'intl.solitary.definition',
            at,
            `placement in "${called}" with ${input.hoursWithoutContact} h a day without meaningful human contact is solitary confinement (SMR 44), whatever its name`,
            findingParams('intl.solitary.definition', {
              place: called,
              hoursWithoutContact: input.hoursWithoutContact,
            }),
          ),
        );
        const groups = intlExemptions(state, kzCalendarDate(at));
        if (groups.length > 0)
          events.push(
            flag(
              rules,
              `intl.solitary.exempt@v${state.version}`,
              'intl.solitary.exempt',
              at,
              `${groups.map(exemptGroupText).join(', ')} placed in "${called}", which is solitary confinement under SMR 44`,
              findingParams('intl.solitary.exempt', { groups, place: called }),
            ),
          );
      }
      break;
    }
    case 'breach-reported':
      events.push({
        type: 'breach-reported',
        payload: {
          at,
          reportId: `br${state.version}`,
          description: input.description,
          reportedBy: input.reportedBy ?? command.actorName,
        },
      });
      break;
    case 'discipline-decided': {
      if (
        input.reportId !== undefined &&
        !itemsOf(state, 'breach-reported').some((item) => item.event.payload.reportId === input.reportId)
      )
        return refuse(`there is no breach report ${input.reportId} in this stay`, { field: 'reportId' });
      const separation = isSeparation(input.measure);
      const startsAtMs =
        input.startsAt !== undefined
          ? ms(input.startsAt)
          : separation
            ? Math.max(ms(at), separationEndAfter(state, rules, ms(at)) ?? ms(at))
            : ms(at);
      if (startsAtMs < ms(admitted.admittedAt))
        return refuse('the measure cannot start before the admission', { field: 'startsAt' });
      const days = input.days ?? null;
      const refusal = disciplineRefusal(
        state,
        { measure: input.measure, days, startsAt: startsAtMs },
        rules,
        command.facilityKind,
      );
      if (refusal) return refusal;
      if (input.reason === undefined)
        return refuse('state the reason for the measure: the prisoner is told it and may appeal', {
          field: 'reason',
        });
      const decision: PrisonEvent = {
        type: 'discipline-decided',
        payload: {
          at,
          decisionId: `d${state.version}`,
          reportId: input.reportId ?? null,
          measure: input.measure as Extract<
            PrisonEvent,
            { type: 'discipline-decided' }
          >['payload']['measure'],
          days,
          startsAt: iso(startsAtMs),
          endsAt: days === null ? null : iso(measureEnd(startsAtMs, days)),
          reason: input.reason,
          informedLanguage: input.informedLanguage ?? null,
        },
      };
      events.push(decision);
      if (separation && days !== null) {
        const after = foldProposed(state, [decision], command);
        const run = runAt(after, rules, startsAtMs);
        // A measure that itself runs past 15 consecutive days is prolonged solitary the moment it is decided.
        const recorded = recordedKeys(state);
        if (run && days > rules.prolongedDays && !recorded.has(runProlongedKey(run, recorded)))
          events.push(
            flag(
              rules,
              prolongedKey(run.firstVersion),
              'intl.solitary.prolonged',
              at,
              `${input.measure} of ${days} days decided: more than ${rules.prolongedDays} consecutive days in separation is prolonged solitary confinement (SMR 43-44), lawful under national law for up to ${rules.solitaryMaxMonths} months`,
              findingParams('intl.solitary.prolonged', {
                limitDays: rules.prolongedDays,
                measure: input.measure as DisciplineMeasure,
                days,
                nationalMaxMonths: rules.solitaryMaxMonths,
              }),
            ),
          );
        const groups = intlExemptions(state, kzCalendarDate(iso(startsAtMs)));
        if (groups.length > 0)
          events.push(
            flag(
              rules,
              `intl.solitary.exempt@v${state.version}`,
              'intl.solitary.exempt',
              at,
              `${groups.map(exemptGroupText).join(', ')} placed in ${input.measure} (SMR 45(2), BR 22)`,
              findingParams('intl.solitary.exempt', {
                groups,
                measure: input.measure as DisciplineMeasure,
              }),
            ),
          );
      }
      break;
    }
    case 'discipline-appealed': {
      const decided = itemsOf(state, 'discipline-decided').find(
        (item) => item.event.payload.decisionId === input.decisionId,
      );
      if (!decided)
        return refuse(`there is no disciplinary decision ${input.decisionId} in this stay`, {
          field: 'decisionId',
        });
      if (
        itemsOf(state, 'discipline-appealed').some(
          (item) => item.event.payload.decisionId === input.decisionId,
        )
      )
        return refuse(`decision ${input.decisionId} is already under appeal`, { field: 'decisionId' });
      events.push({
        type: 'discipline-appealed',
        payload: { at, decisionId: input.decisionId, to: input.to ?? null },
      });
      break;
    }
    case 'appeal-decided': {
      const decided = itemsOf(state, 'discipline-decided').find(
        (item) => item.event.payload.decisionId === input.decisionId,
      );
      if (
        !decided ||
        !itemsOf(state, 'discipline-appealed').some(
          (item) => item.event.payload.decisionId === input.decisionId,
        )
      )
        return refuse(`decision ${input.decisionId} has not been appealed`, { field: 'decisionId' });
      if (itemsOf(state, 'appeal-decided').some((item) => item.event.payload.decisionId === input.decisionId))
        return refuse(`the appeal against ${input.decisionId} is already decided`, { field: 'decisionId' });
      const original = decided.event.payload.days;
      if (
        input.outcome === 'reduced' &&
        (input.days === undefined || original === null || input.days >= original)
      )
        return refuse(`a reduced measure needs fewer days than the ${original ?? 0} decided`, {
          field: 'days',
        });
      events.push({
        type: 'appeal-decided',
        payload: {
          at,
          decisionId: input.decisionId,
          outcome: input.outcome,
          days: input.outcome === 'reduced' ? (input.days ?? null) : null,
        },
      });
      break;
    }
    case 'separation-ended':
      if (!separatedAt(state, rules, ms(at)))
        return refuse(`the person is not in separation at ${at}`, { field: 'at' });
      events.push({ type: 'separation-ended', payload: { at, reason: input.reason ?? null } });
      break;
    case 'health-visit':
      events.push({ type: 'health-visit', payload: { at, visitedBy: input.visitedBy ?? command.actorName } });
      break;
    case 'exercise-logged':
      if (input.date > today) return refuse(`${input.date} is in the future`, { field: 'date' });
      if (input.date < admissionDay)
        return refuse(`${input.date} is before the admission (${admissionDay})`, { field: 'date' });
      events.push({ type: 'exercise-logged', payload: { date: input.date, minutes: input.minutes } });
      break;
    case 'incentive-granted':
      events.push({
        type: 'incentive-granted',
        payload: { at, incentive: input.incentive, note: input.note ?? null },
      });
      break;
    case 'search-recorded':
      events.push({
        type: 'search-recorded',
        payload: { at, kind: input.kind, searchedBy: input.searchedBy, searcherSex: input.searcherSex },
      });
      if (admitted.sex === 'female' && input.searcherSex === 'male' && PERSONAL_SEARCHES.has(input.kind))
        events.push(
          flag(
            rules,
            `intl.search.women@v${state.version}`,
            'intl.search.women',
            at,
            `${input.kind} search of a woman by a male officer (${input.searchedBy}); BR 19: only women staff search women`,
            findingParams('intl.search.women', {
              search: input.kind === 'strip' ? 'strip' : 'personal',
              searchedBy: input.searchedBy,
            }),
          ),
        );
      break;
    case 'transferred': {
      if (input.destinationFacilityId === state.facilityId)
        return refuse(
          'the person is already held in this facility: name the facility they are transferred to',
          {
            field: 'destinationFacilityId',
          },
        );
      // kz.placement.separation: the destination must be one that may hold this person on the day.
      const conflict =
        command.destinationPopulation === undefined
          ? null
          : placementRefusal(command.destinationPopulation, admitted, at);
      if (conflict)
        return refuse(conflict.detail, {
          rule: 'kz.placement.separation',
          field: 'destinationFacilityId',
          reason: conflict.reason,
        });
      events.push({
        type: 'transferred',
        payload: {
          at,
          fromFacilityId: state.facilityId ?? admitted.facilityId,
          destinationFacilityId: input.destinationFacilityId,
          reason: input.reason,
          requestedByPrisoner: input.requestedByPrisoner ?? input.reason === 'protection-request',
          detail: input.detail ?? null,
        },
      });
      break;
    }
    case 'family-notified':
      events.push({ type: 'family-notified', payload: { at, contact: input.contact, means: input.means } });
      break;
    case 'released':
      events.push({ type: 'released', payload: { at, reason: input.reason ?? null } });
      break;
    case 'died':
      events.push({
        type: 'died',
        payload: {
          at,
          circumstances: input.circumstances,
          cause: input.cause ?? null,
          remainsTo: input.remainsTo ?? null,
        },
      });
      break;
    default: {
      const unhandled: never = input;
      throw new Error(`unknown stay event ${String((unhandled as { type: unknown }).type)}`);
    }
  }
  return withDueFindings(state, events, rules, command);
}

/**
 * The doctor's examination of a stay, from the medical record (issue 19): a `medical-examined`
 * with no clinical results (purpose `admission` on arrival or return from police custody,
 * `pre-placement` with the verdict before separation) or, for the daily visit in separation, a
 * `health-visit`; each by the clinician, naming the examination. It may be recorded after the stay
 * ended, for an examination that took place before. Recorded once per examination: a second try
 * decides nothing.
 */
function recordDoctorsExamination(
  command: RecordDoctorsExamination,
  state: StayState,
  rules: PrisonRules,
): Decision {
  if (!state.admitted) return refuse('there is no stay here: the examination belongs to no stay');
  const recorded = state.timeline.some(
    (item) =>
      (item.event.type === 'medical-examined' || item.event.type === 'health-visit') &&
      item.event.payload.examinationId === command.examinationId,
  );
  if (recorded) return [];
  const problem = checkMoment(command.at, state, command.now);
  if (problem) return problem;
  const ended = stayEndedAt(state);
  if (ended !== null && ms(command.at) > ended)
    return refuse(
      `the stay ended before ${command.at}: link the examination to the episode or stay that held the person then`,
      { field: 'episode' },
    );
  const event: PrisonEvent =
    command.examination === 'separation-health-visit'
      ? {
          type: 'health-visit',
          payload: { at: command.at, visitedBy: command.clinicianName, examinationId: command.examinationId },
        }
      : {
          type: 'medical-examined',
          payload: {
            at: command.at,
            examinedBy: command.clinicianName,
            purpose: command.examination === 'before-separation' ? 'pre-placement' : 'admission',
            hivScreening: command.screening?.hiv ?? 'not-done',
            tbScreening: command.screening?.tb ?? 'not-done',
            bodilyHarm: command.injuriesNoted,
            results: null,
            examinationId: command.examinationId,
            ...(command.fitness !== null ? { fitness: command.fitness } : {}),
          },
        };
  return withDueFindings(state, [event], rules, command);
}

/** A finding decided elsewhere (kz.medical.report-duty), once per key. */
function recordFinding(command: RecordStayFinding, state: StayState, rules: PrisonRules): Decision {
  if (!state.admitted) return refuse('there is no stay here to record a finding in');
  if (recordedKeys(state).has(command.finding.key)) return [];
  const { key, rule, kind, at, detail, params } = command.finding;
  return [
    {
      type: 'finding-recorded',
      payload: { key, rule, kind, at, detail, ...(params ? { params } : {}), ...packOf(rules, rule) },
    },
  ];
}

/** The prison context's pure core, with the rules in force; usable by src/app/execute.ts. */
export function prisonDecider(rules: PrisonRules) {
  return {
    initialState: initialStayState,
    evolve: evolveStay,
    decide(command: PrisonCommand, state: StayState): PrisonEvent[] | Refusal {
      switch (command.type) {
        case 'admit':
          return admit(command, state, rules);
        case 'record':
          return record(command, state, rules);
        case 'record-refused-discipline':
          if (!state.admitted || state.status !== 'held') return [];
          return [
            {
              type: 'discipline-refused',
              payload: {
                at: command.at,
                measure: command.measure,
                days: command.days,
                rule: command.rule,
                detail: command.detail,
                ...(command.reason !== undefined ? { reason: command.reason } : {}),
              },
            },
          ];
        case 'record-due-findings':
          return state.admitted ? dueStayFindings(state, rules, command.now) : [];
        case 'record-doctors-examination':
          return recordDoctorsExamination(command, state, rules);
        case 'record-finding':
          return recordFinding(command, state, rules);
        default: {
          const unhandled: never = command;
          throw new Error(`unknown command ${String((unhandled as { type: unknown }).type)}`);
        }
      }
    },
  };
}

export type PrisonDecider = ReturnType<typeof prisonDecider>;
