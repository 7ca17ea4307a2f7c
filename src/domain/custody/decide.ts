import { dueFindings } from '../../clocks/custody.js';
import {
  isJuvenileAt,
  familyNotificationGap,
  hoursBetween,
  interpreterNeeded,
  isForeignNational,
  kzCalendarDate,
  recordGapExceeded,
} from '../../rules/custody-checks.js';
import { packOf, type CustodyRules } from '../../rules/custody-rules.js';
import { placementRefusal } from '../../rules/placement-checks.js';
import { refuse, type Refusal } from '../decision.js';
import { findingParams } from '../findings.js';
import { reason } from '../refusals.js';
import type {
  CorrectEntry,
  CustodyCommand,
  OpenCustody,
  RecordDoctorsExamination,
  RecordDueFindings,
  RecordFinding,
  RecordInterview,
  RecordSafeguard,
} from './commands.js';
import {
  SAFEGUARD_EVENT_TYPES,
  type CorrectableField,
  type CustodyEvent,
  type FindingRecorded,
  type SafeguardEventType,
} from './events.js';
import { evolveCustody } from './evolve.js';
import { apprehensionInForce, currentStatement, entryAt, statedAt, statedTimes } from './in-force.js';
import { interviewConcernDetail, interviewConcerns } from './interviews.js';
import { offsetDateTime } from './inputs.js';
import { initialCustodyState, type CustodyState } from './state.js';

/*
 * The custody decider (STYLE.md "Deciders"): pure functions of the state and the command, with
 * time only from the command. National rules (`kz`) refuse what they forbid and name the rule;
 * international ones (`intl`) only add findings. Every decision ends with the findings of the
 * clocks due at the command's `now`, so a late record or a late safeguard is found at once.
 */

type Decision = CustodyEvent[] | Refusal;

const TIME_FORMAT =
  'a corrected time must be an ISO 8601 date-time with an offset, e.g. 2026-03-10T14:30:00+05:00';

const ms = (iso: string): number => Date.parse(iso);
const hoursText = (hours: number): string => `${Number(hours.toFixed(2))} h`;

/** Fields of the arrest record; `at` belongs to safeguard events. */
const ARREST_FIELDS: ReadonlySet<CorrectableField> = new Set([
  'apprehendedAt',
  'place',
  'grounds',
  'arrestingOfficer',
]);
const SAFEGUARD_TYPES: ReadonlySet<string> = new Set(SAFEGUARD_EVENT_TYPES);
/**
 * What may still be recorded once the person has left the unit: the family's notification (after
 * a transfer, intl.custody.transfer-notice) and a judge's ruling on a pending request
 * (kz.custody.deposition does not end with custody).
 */
const AFTER_CUSTODY: ReadonlySet<SafeguardEventType> = new Set(['family-notified', 'judicial-ruled']);

/**
 * The proposed events, then the findings due at `now` once they are folded in. The proposed
 * entries have no log seq yet; they are folded with negative seqs, which no real entry has.
 */
function withDueFindings(
  state: CustodyState,
  events: CustodyEvent[],
  rules: CustodyRules,
  command: { now: string; actor: string },
): CustodyEvent[] {
  const after = events.reduce(
    (current, event, index) =>
      evolveCustody(current, event, {
        seq: -1 - index,
        version: state.version + index,
        recordedAt: command.now,
        actor: command.actor,
      }),
    state,
  );
  return [...events, ...dueFindings(after, rules, command.now)];
}

function finding(
  rules: CustodyRules,
  payload: Omit<FindingRecorded['payload'], 'pack' | 'packVersion'>,
): FindingRecorded {
  return { type: 'finding-recorded', payload: { ...payload, ...packOf(rules, payload.rule) } };
}

function openCustody(command: OpenCustody, state: CustodyState, rules: CustodyRules): Decision {
  if (state.opened || state.version > 0)
    return refuse(`custody episode ${command.custodyId} is already opened: record events on it instead`);
  if (Number.isNaN(ms(command.apprehendedAt)))
    return refuse('the moment of apprehension is not a valid date-time', { field: 'apprehendedAt' });
  if (ms(command.apprehendedAt) > ms(command.now))
    return refuse(
      `the moment of apprehension (${command.apprehendedAt}) is in the future: state the actual time of the arrest`,
      {
        rule: 'kz.custody.actual-time',
        field: 'apprehendedAt',
        reason: reason('moment.future', { at: command.apprehendedAt }),
      },
    );
  if (kzCalendarDate(command.apprehendedAt) < command.person.birthDate)
    return refuse(
      `the moment of apprehension is before the person's birth date (${command.person.birthDate})`,
      {
        field: 'apprehendedAt',
      },
    );
  // kz.placement.separation: the unit must be one that may hold this person.
  const conflict = placementRefusal(
    command.placement.population,
    { sex: command.placement.sex, birthDate: command.person.birthDate },
    command.apprehendedAt,
  );
  if (conflict)
    return refuse(conflict.detail, {
      rule: 'kz.placement.separation',
      field: 'facilityId',
      reason: conflict.reason,
    });
  const opened: CustodyEvent = {
    type: 'custody-opened',
    payload: {
      custodyId: command.custodyId,
      personId: command.personId,
      facilityId: command.facilityId,
      apprehendedAt: command.apprehendedAt,
      recordedAt: command.now,
      place: command.place,
      grounds: command.grounds,
      arrestingOfficer: command.arrestingOfficer,
      orderingAuthority: command.orderingAuthority,
      juvenile: isJuvenileAt(command.person.birthDate, command.apprehendedAt),
      foreignNational: isForeignNational(command.person.citizenship),
      languages: [...new Set(command.person.languages)],
      reachedBy: command.reachedBy,
      identityDocument: command.identityDocument,
    },
  };
  const events: CustodyEvent[] = [opened];
  if (recordGapExceeded(command.apprehendedAt, command.now, rules))
    events.push(
      finding(rules, {
        key: 'kz.custody.actual-time',
        rule: 'kz.custody.actual-time',
        kind: 'flag',
        at: command.now,
        detail:
          `record drawn up ${hoursText(hoursBetween(command.apprehendedAt, command.now))} after the apprehension ` +
          `at ${command.apprehendedAt} (more than ${hoursText(rules.actualTimeMaxGapHours)})`,
        params: findingParams('kz.custody.actual-time', {
          apprehendedAt: command.apprehendedAt,
          recordedAt: command.now,
          maxHours: rules.actualTimeMaxGapHours,
        }),
      }),
    );
  return withDueFindings(state, events, rules, command);
}

/** The event a safeguard input records, with `at` filled in; or why it cannot be recorded. */
function safeguardEvent(command: RecordSafeguard, state: CustodyState, at: string): CustodyEvent | Refusal {
  const input = command.input;
  switch (input.type) {
    case 'rights-explained':
      return {
        type: 'rights-explained',
        payload: {
          at,
          language: input.language,
          method: input.method,
          interpreter: input.interpreter ?? null,
        },
      };
    case 'counsel-requested':
      return { type: 'counsel-requested', payload: { at } };
    case 'counsel-arrived':
      return { type: 'counsel-arrived', payload: { at, counsel: input.counsel } };
    case 'family-notified': {
      const payload = {
        at,
        outcome: input.outcome,
        contact: input.contact ?? null,
        means: input.means ?? null,
        reason: input.reason ?? null,
        authorisedBy: input.authorisedBy ?? null,
      };
      const gap = familyNotificationGap(payload);
      if (gap) return refuse(gap.detail, { rule: 'kz.custody.family', field: gap.field, reason: gap.reason });
      return { type: 'family-notified', payload };
    }
    case 'medical-examined':
      return {
        type: 'medical-examined',
        payload: { at, examinedBy: input.examinedBy, injuriesSeen: input.injuriesSeen },
      };
    case 'injury-recorded':
      return {
        type: 'injury-recorded',
        payload: { at, observedBy: input.observedBy, description: input.description },
      };
    case 'court-decision': {
      if (input.decision === 'approved') {
        const approval = state.timeline.find(
          (item) => item.event.type === 'court-decision' && item.event.payload.decision === 'approved',
        );
        if (approval)
          return refuse(
            `a court already approved this custody (entry ${approval.seq}): correct that entry instead`,
            {
              rule: 'kz.custody.limit',
              field: 'decision',
              reason: reason('court.already-approved', { seq: approval.seq }),
            },
          );
      }
      return { type: 'court-decision', payload: { at, decision: input.decision, court: input.court } };
    }
    case 'released':
      return { type: 'released', payload: { at, reason: input.reason ?? null } };
    case 'transferred': {
      if (input.destinationFacilityId === state.opened?.facilityId)
        return refuse(
          'the person is already held in this facility: name the facility they are transferred to',
          {
            field: 'destinationFacilityId',
          },
        );
      // kz.placement.separation: the destination must be one that may hold this person on the day.
      const conflict = command.placement
        ? placementRefusal(command.placement.population, command.placement.person, at)
        : null;
      if (conflict)
        return refuse(conflict.detail, {
          rule: 'kz.placement.separation',
          field: 'destinationFacilityId',
          reason: conflict.reason,
        });
      return {
        type: 'transferred',
        payload: { at, destinationFacilityId: input.destinationFacilityId, reason: input.reason ?? null },
      };
    }
    case 'consular-rights-explained':
      return {
        type: 'consular-rights-explained',
        payload: { at, notificationRequested: input.notificationRequested },
      };
    case 'consulate-notified':
      return { type: 'consulate-notified', payload: { at, consulate: input.consulate } };
    case 'judicial-requested':
      // The request's id is its stream version: known at decision time, unique in the episode.
      return {
        type: 'judicial-requested',
        payload: { at, requestId: `jr${state.version}`, kind: input.kind },
      };
    case 'judicial-ruled': {
      const request = state.timeline.find(
        (item) =>
          item.event.type === 'judicial-requested' && item.event.payload.requestId === input.requestId,
      );
      if (!request)
        return refuse(`there is no request ${input.requestId} to a judge in this custody record`, {
          rule: 'kz.custody.deposition',
          field: 'requestId',
          reason: reason('judicial.unknown-request', { requestId: input.requestId }),
        });
      const ruled = state.timeline.some(
        (item) => item.event.type === 'judicial-ruled' && item.event.payload.requestId === input.requestId,
      );
      if (ruled)
        return refuse(`request ${input.requestId} has already been ruled on`, {
          rule: 'kz.custody.deposition',
          field: 'requestId',
          reason: reason('judicial.already-ruled', { requestId: input.requestId }),
        });
      const requestedAt = statedTimes(state, request.seq)?.earliest;
      if (requestedAt !== undefined && ms(at) < ms(requestedAt))
        return refuse(`a ruling cannot come before the request it answers (${requestedAt})`, { field: 'at' });
      return {
        type: 'judicial-ruled',
        payload: { at, requestId: input.requestId, ruling: input.ruling, court: input.court },
      };
    }
    default: {
      const unhandled: never = input;
      throw new Error(`unknown safeguard ${String((unhandled as { type: unknown }).type)}`);
    }
  }
}

function recordSafeguard(command: RecordSafeguard, state: CustodyState, rules: CustodyRules): Decision {
  const opened = state.opened;
  const apprehendedAt = apprehensionInForce(state);
  if (!opened || apprehendedAt === null)
    return refuse('there is no custody record here: register the arrest first');
  const at = command.input.at ?? command.now;
  if (ms(at) > ms(command.now))
    return refuse(`${at} is in the future: record what happened at the time it happened`, {
      rule: 'kz.custody.actual-time',
      field: 'at',
      reason: reason('moment.future', { at }),
    });
  if (ms(at) < ms(apprehendedAt))
    return refuse(`${at} is before the apprehension (${apprehendedAt}): check the time`, {
      rule: 'kz.custody.actual-time',
      field: 'at',
      reason: reason('moment.before-apprehension', { at, apprehendedAt }),
    });
  if (state.status !== 'in-custody' && !AFTER_CUSTODY.has(command.input.type))
    return refuse(
      `the episode is closed (the person was ${state.status}): only the family's notification or a judge's ruling on a pending request can still be recorded`,
    );
  const event = safeguardEvent(command, state, at);
  if ('refused' in event) return event;
  const events: CustodyEvent[] = [event];
  if (
    event.type === 'rights-explained' &&
    interpreterNeeded(event.payload.language, opened.languages, event.payload.interpreter)
  )
    events.push(
      finding(rules, {
        key: `intl.custody.interpreter@v${state.version}`,
        rule: 'intl.custody.interpreter',
        kind: 'flag',
        at,
        detail: `rights explained in ${event.payload.language} without an interpreter to a person who understands ${opened.languages.join(', ')}`,
        params: findingParams('intl.custody.interpreter', {
          language: event.payload.language,
          understood: [...opened.languages],
        }),
      }),
    );
  return withDueFindings(state, events, rules, command);
}

function correctEntry(command: CorrectEntry, state: CustodyState, rules: CustodyRules): Decision {
  const apprehendedAt = apprehensionInForce(state);
  if (!state.opened || apprehendedAt === null) return refuse('there is no custody record here to correct');
  const target = entryAt(state, command.correctsSeq);
  if (!target)
    return refuse(`entry ${command.correctsSeq} is not an entry of this custody record`, {
      field: 'correctsSeq',
    });
  const type = target.event.type;
  const applies = ARREST_FIELDS.has(command.field)
    ? type === 'custody-opened'
    : command.field === 'at' && SAFEGUARD_TYPES.has(type);
  if (!applies) return refuse(`a ${type} entry has no ${command.field} to correct`, { field: 'field' });
  const from = currentStatement(state, command.correctsSeq, command.field);
  if (from === null) return refuse(`a ${type} entry has no ${command.field} to correct`, { field: 'field' });
  if (command.reason.trim() === '') return refuse('say why the entry is corrected', { field: 'reason' });

  let to = command.to;
  if (command.field === 'apprehendedAt' || command.field === 'at') {
    const parsed = offsetDateTime.safeParse(command.to);
    if (!parsed.success) return refuse(TIME_FORMAT, { field: 'to' });
    to = parsed.data;
    if (ms(to) > ms(command.now))
      return refuse(`${to} is in the future: a correction states when it actually happened`, {
        rule: 'kz.custody.actual-time',
        field: 'to',
        reason: reason('moment.future', { at: to }),
      });
    if (command.field === 'at' && ms(to) < ms(apprehendedAt))
      return refuse(`${to} is before the apprehension (${apprehendedAt}): check the time`, {
        rule: 'kz.custody.actual-time',
        field: 'to',
        reason: reason('moment.before-apprehension', { at: to, apprehendedAt }),
      });
  }
  if (to === from) return refuse(`the entry already states ${from}`, { field: 'to' });
  const corrected: CustodyEvent = {
    type: 'custody-corrected',
    payload: {
      correctsSeq: command.correctsSeq,
      field: command.field,
      from,
      to,
      reason: command.reason,
      correctedAt: command.now,
    },
  };
  return withDueFindings(state, [corrected], rules, command);
}

function recordDueFindings(command: RecordDueFindings, state: CustodyState, rules: CustodyRules): Decision {
  if (!state.opened) return [];
  return dueFindings(state, rules, command.now);
}

/** The moment the person left the unit (release or transfer), as stated; null while in custody. */
function leftCustodyAt(state: CustodyState): number | null {
  const ends = state.timeline
    .filter((item) => item.event.type === 'released' || item.event.type === 'transferred')
    .map((item) => ms(statedAt(state, item.seq) ?? (item.event.payload as { at: string }).at));
  return ends.length > 0 ? Math.min(...ends) : null;
}

/**
 * The doctor's examination on arrest, from the medical record (issue 19): the officer's
 * `medical-examined`, by the clinician, naming the examination. Unlike an officer's safeguard it
 * may be recorded after the person left, for an examination that took place before: the doctor's
 * record is written when the doctor writes it. Recorded once per examination: a second try
 * decides nothing.
 */
function recordDoctorsExamination(
  command: RecordDoctorsExamination,
  state: CustodyState,
  rules: CustodyRules,
): Decision {
  const apprehendedAt = apprehensionInForce(state);
  if (!state.opened || apprehendedAt === null)
    return refuse('there is no custody record here: the examination belongs to no episode');
  const recorded = state.timeline.some(
    (item) =>
      item.event.type === 'medical-examined' && item.event.payload.examinationId === command.examinationId,
  );
  if (recorded) return [];
  const { at } = command;
  if (ms(at) > ms(command.now))
    return refuse(`${at} is in the future: record the examination when it took place`, {
      rule: 'kz.custody.actual-time',
      field: 'at',
      reason: reason('moment.future', { at }),
    });
  if (ms(at) < ms(apprehendedAt))
    return refuse(`${at} is before the apprehension (${apprehendedAt}): check the time`, {
      rule: 'kz.custody.actual-time',
      field: 'at',
      reason: reason('moment.before-apprehension', { at, apprehendedAt }),
    });
  const left = leftCustodyAt(state);
  if (left !== null && ms(at) > left)
    return refuse(
      `the person left this custody unit before ${at}: link the examination to the episode or stay that held them then`,
      { field: 'episode' },
    );
  const examined: CustodyEvent = {
    type: 'medical-examined',
    payload: {
      at,
      examinedBy: command.clinicianName,
      injuriesSeen: command.injuriesNoted,
      examinationId: command.examinationId,
    },
  };
  return withDueFindings(state, [examined], rules, command);
}

/**
 * kz.custody.interview: an interview of the detained suspect is recorded as it happened, with a
 * finding for each thing the rule asks that it lacked (begun before the rights were explained,
 * while requested counsel had not arrived, no video recording) — never refused for them. Refused
 * only when the record cannot be true or is incomplete: times in the future, before the
 * apprehension, an end before the start, an interview begun after the person left the unit,
 * counsel present without a name, no recording without a reason.
 */
function recordInterview(command: RecordInterview, state: CustodyState, rules: CustodyRules): Decision {
  const apprehendedAt = apprehensionInForce(state);
  if (!state.opened || apprehendedAt === null)
    return refuse('there is no custody record here: register the arrest first');
  if (
    state.timeline.some(
      (item) =>
        item.event.type === 'interview-recorded' && item.event.payload.interviewId === command.interviewId,
    )
  )
    return [];
  const { input } = command;
  for (const [field, at] of [
    ['startedAt', input.startedAt],
    ['endedAt', input.endedAt],
  ] as const) {
    if (ms(at) > ms(command.now))
      return refuse(`${at} is in the future: record the interview when it has taken place`, {
        rule: 'kz.custody.actual-time',
        field,
        reason: reason('moment.future', { at }),
      });
    if (ms(at) < ms(apprehendedAt))
      return refuse(`${at} is before the apprehension (${apprehendedAt}): check the time`, {
        rule: 'kz.custody.actual-time',
        field,
        reason: reason('moment.before-apprehension', { at, apprehendedAt }),
      });
  }
  if (ms(input.endedAt) <= ms(input.startedAt))
    return refuse(`the interview cannot end (${input.endedAt}) before it began (${input.startedAt})`, {
      rule: 'kz.custody.interview',
      field: 'endedAt',
      reason: reason('interview.end-before-start', { startedAt: input.startedAt, endedAt: input.endedAt }),
    });
  const left = leftCustodyAt(state);
  if (left !== null && ms(input.startedAt) >= left) {
    const leftAt = new Date(left).toISOString();
    return refuse(
      `the person left this custody unit at ${leftAt}, before the interview began: record it where they were held then`,
      {
        rule: 'kz.custody.interview',
        field: 'startedAt',
        reason: reason('interview.after-custody', { startedAt: input.startedAt, leftAt }),
      },
    );
  }
  if (input.counsel === 'present' && input.counselName === undefined)
    return refuse('name the counsel who was present', {
      rule: 'kz.custody.interview',
      field: 'counselName',
      reason: reason('interview.counsel-name', {}),
    });
  if (input.counsel !== 'present' && input.counselName !== undefined)
    return refuse(`counsel is named but was not present (${input.counsel})`, {
      rule: 'kz.custody.interview',
      field: 'counselName',
      reason: reason('interview.counsel-name-without-counsel', { counsel: input.counsel }),
    });
  const recording = input.recording ?? null;
  if (recording === null && input.noRecordingReason === undefined)
    return refuse('say why the interview was not recorded', {
      rule: 'kz.custody.interview',
      field: 'noRecordingReason',
      reason: reason('interview.no-recording-reason', {}),
    });
  if (recording !== null && input.noRecordingReason !== undefined)
    return refuse('the interview has a recording: there is no reason to give for its absence', {
      rule: 'kz.custody.interview',
      field: 'noRecordingReason',
      reason: reason('interview.reason-with-recording', {}),
    });
  const interview: Extract<CustodyEvent, { type: 'interview-recorded' }> = {
    type: 'interview-recorded',
    payload: {
      interviewId: command.interviewId,
      startedAt: input.startedAt,
      endedAt: input.endedAt,
      interviewer: { name: input.interviewer.name, position: input.interviewer.position },
      present: input.present.map((person) => ({ name: person.name, role: person.role })),
      counsel: input.counsel,
      counselName: input.counselName ?? null,
      interpreter: input.interpreter ?? null,
      recording: recording && {
        sha256: recording.sha256,
        size: recording.size,
        mediaType: recording.mediaType,
      },
      noRecordingReason: input.noRecordingReason ?? null,
      caseNumber: input.caseNumber ?? null,
      recordedAt: command.now,
    },
  };
  const findings = interviewConcerns(state, interview.payload).map((params) =>
    finding(rules, {
      key: `kz.custody.interview@${command.interviewId}/${params.concern}`,
      rule: 'kz.custody.interview',
      kind: 'flag',
      at: input.startedAt,
      detail: interviewConcernDetail(params),
      params,
    }),
  );
  return withDueFindings(state, [interview, ...findings], rules, command);
}

/** A finding decided elsewhere (kz.medical.report-duty), once per key. */
function recordFinding(command: RecordFinding, state: CustodyState, rules: CustodyRules): Decision {
  if (!state.opened) return refuse('there is no custody record here to record a finding in');
  if (state.findings.some((recorded) => recorded.finding.key === command.finding.key)) return [];
  return [finding(rules, command.finding)];
}

/** The custody context's pure core, with the rules in force; usable by src/app/execute.ts. */
export function custodyDecider(rules: CustodyRules) {
  return {
    initialState: initialCustodyState,
    evolve: evolveCustody,
    decide(command: CustodyCommand, state: CustodyState): CustodyEvent[] | Refusal {
      switch (command.type) {
        case 'open-custody':
          return openCustody(command, state, rules);
        case 'record-safeguard':
          return recordSafeguard(command, state, rules);
        case 'correct-entry':
          return correctEntry(command, state, rules);
        case 'record-due-findings':
          return recordDueFindings(command, state, rules);
        case 'record-doctors-examination':
          return recordDoctorsExamination(command, state, rules);
        case 'record-finding':
          return recordFinding(command, state, rules);
        case 'record-interview':
          return recordInterview(command, state, rules);
        default: {
          const unhandled: never = command;
          throw new Error(`unknown command ${String((unhandled as { type: unknown }).type)}`);
        }
      }
    },
  };
}

export type CustodyDecider = ReturnType<typeof custodyDecider>;
