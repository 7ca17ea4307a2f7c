import { complaintDueFindings } from '../../clocks/complaints.js';
import type { ComplaintRules } from '../../rules/complaint-rules.js';
import { refuse, type Refusal } from '../decision.js';
import type {
  AddMedia,
  AnswerComplaint,
  CloseComplaint,
  ComplaintCommand,
  DecideProtection,
  RecordAllegationDecision,
  SubmitComplaint,
} from './commands.js';
import { TORTURE_CATEGORY, type AllegationDecisionKind, type ComplaintEvent } from './events.js';
import { evolveComplaint, isAllegation } from './evolve.js';
import { initialComplaintState, type ComplaintState } from './state.js';

/*
 * The complaint decider (STYLE.md "Deciders"): pure functions of the state and the command, with
 * time, actor and ids only from the command. A torture allegation is referred to the procurator in
 * the very append that records it, and nobody but the procurator decides on it
 * (kz.torture.referral); the access policy keeps other roles from the procurator's command, and
 * this decider refuses the complaints authority's answer and closure. Every decision ends with
 * the findings of the clocks due at its `now`.
 */

type Decision = ComplaintEvent[] | Refusal;

/** Media may follow the complaint from the same terminal for this long (issue 4). */
export const MEDIA_WINDOW_MS = 10 * 60_000;
/** Recordings and files per complaint. */
export const MAX_MEDIA_PER_COMPLAINT = 10;

const ONLY_PROCURATOR = 'only the procurator decides on a torture allegation';

/**
 * What the procurator may decide next, by the last decision (transitions as data, STYLE.md
 * "Government service pages"): an allegation is investigated, joined with a case, sent to court or
 * discontinued with a reason; a discontinued one may be reopened; one sent to court is done here.
 */
export const NEXT_DECISIONS: Record<AllegationDecisionKind | 'none', readonly AllegationDecisionKind[]> = {
  none: ['investigation-opened', 'joined', 'discontinued'],
  'investigation-opened': ['joined', 'sent-to-court', 'discontinued'],
  joined: ['sent-to-court', 'discontinued'],
  'sent-to-court': [],
  discontinued: ['investigation-opened'],
};

const ms = (iso: string): number => Date.parse(iso);

function withDueFindings(
  state: ComplaintState,
  events: ComplaintEvent[],
  rules: ComplaintRules,
  command: { now: string; actor: string },
): ComplaintEvent[] {
  const after = events.reduce(
    (current, event, index) =>
      evolveComplaint(current, event, {
        seq: -1 - index,
        version: state.version + index,
        recordedAt: command.now,
        actor: command.actor,
      }),
    state,
  );
  return [...events, ...complaintDueFindings(after, rules, command.now)];
}

function submitComplaint(command: SubmitComplaint, state: ComplaintState, rules: ComplaintRules): Decision {
  if (state.submitted || state.version > 0)
    return refuse(`complaint ${command.reference} is already recorded`);
  const submittedAt = command.receivedAt ?? command.now;
  if (Number.isNaN(ms(submittedAt)))
    return refuse('the time of receipt is not a valid date-time', { field: 'receivedAt' });
  if (ms(submittedAt) > ms(command.now))
    return refuse(`the complaint cannot have been received in the future (${submittedAt})`, {
      field: 'receivedAt',
    });
  const events: ComplaintEvent[] = [
    {
      type: 'complaint-submitted',
      payload: {
        complaintId: command.complaintId,
        reference: command.reference,
        facilityId: command.facilityId,
        channel: command.channel,
        category: command.category,
        sealed: command.sealed,
        complainantId: command.complainantId,
        protectionRequested: command.protectionRequests.some((request) => request.kind === 'protection'),
        transferRequested: command.protectionRequests.some((request) => request.kind === 'transfer'),
        submittedAt,
        recordedAt: command.now,
      },
    },
  ];
  // kz.torture.referral: registered and referred at once, in the same entry batch. Every
  // complaint is routed by an entry of the same type, so the public log does not tell which.
  events.push({
    type: 'complaint-routed',
    payload:
      command.category === TORTURE_CATEGORY
        ? { to: 'procurator', rule: 'kz.torture.referral', routedAt: command.now }
        : { to: 'complaints-authority', rule: null, routedAt: command.now },
  });
  // kz.transfer.protection: a request to the governor, without the complaint's content.
  for (const request of command.protectionRequests)
    events.push({
      type: 'protection-requested',
      payload: {
        requestId: request.requestId,
        kind: request.kind,
        facilityId: command.facilityId,
        personId: command.complainantId,
        requestedAt: command.now,
      },
    });
  return withDueFindings(state, events, rules, command);
}

function answerComplaint(command: AnswerComplaint, state: ComplaintState, rules: ComplaintRules): Decision {
  if (!state.submitted) return refuse('there is no complaint here to answer');
  if (isAllegation(state)) return refuse(ONLY_PROCURATOR, { rule: 'kz.torture.referral' });
  if (state.closed) return refuse('the complaint is closed: it takes no further answer');
  return withDueFindings(
    state,
    [{ type: 'complaint-answered', payload: { sealed: command.sealed, answeredAt: command.now } }],
    rules,
    command,
  );
}

function closeComplaint(command: CloseComplaint, state: ComplaintState, rules: ComplaintRules): Decision {
  if (!state.submitted) return refuse('there is no complaint here to close');
  if (isAllegation(state)) return refuse(ONLY_PROCURATOR, { rule: 'kz.torture.referral' });
  if (state.closed) return refuse('the complaint is already closed');
  if (command.reason.trim() === '') return refuse('say why the complaint is closed', { field: 'reason' });
  return withDueFindings(
    state,
    [{ type: 'complaint-closed', payload: { reason: command.reason, closedAt: command.now } }],
    rules,
    command,
  );
}

function recordAllegationDecision(
  command: RecordAllegationDecision,
  state: ComplaintState,
  rules: ComplaintRules,
): Decision {
  const submitted = state.submitted;
  if (!submitted) return refuse('there is no allegation here');
  if (!isAllegation(state))
    return refuse('this complaint is not a torture allegation: the complaints authority answers it', {
      rule: 'kz.torture.referral',
    });
  const last = state.decisions.at(-1)?.decision ?? 'none';
  const allowed = NEXT_DECISIONS[last];
  if (!allowed.includes(command.decision))
    return refuse(
      allowed.length === 0
        ? `the allegation was ${last.replaceAll('-', ' ')}: it takes no further decision here`
        : `after “${last.replaceAll('-', ' ')}” the next decision is one of: ${allowed.join(', ')}`,
      { rule: 'kz.torture.referral', field: 'decision' },
    );
  if (command.decision === 'joined' && !command.caseNumber)
    return refuse('name the criminal case the allegation was joined with: it still counts as a complaint', {
      rule: 'kz.cases.joined',
      field: 'caseNumber',
    });
  if (command.decision === 'discontinued' && !command.reason)
    return refuse('say why the investigation is discontinued', {
      rule: 'kz.torture.referral',
      field: 'reason',
    });
  if (command.joinedWith !== null && command.joinedWith === submitted.reference)
    return refuse('an allegation cannot be joined with itself', { field: 'joinedWith' });
  return withDueFindings(
    state,
    [
      {
        type: 'allegation-decision',
        payload: {
          decision: command.decision,
          caseNumber: command.caseNumber,
          joinedWith: command.joinedWith,
          reason: command.reason,
          decidedAt: command.now,
        },
      },
    ],
    rules,
    command,
  );
}

function decideProtection(command: DecideProtection, state: ComplaintState, rules: ComplaintRules): Decision {
  const request = state.protection.find((candidate) => candidate.requestId === command.requestId);
  if (!request) return refuse(`there is no request ${command.requestId}`);
  if (request.decided)
    return refuse(`this request was already ${request.decided.decision} on ${request.decided.decidedAt}`, {
      rule: 'kz.transfer.protection',
    });
  if (command.reason.trim() === '') return refuse('give the reason for the decision', { field: 'reason' });
  return withDueFindings(
    state,
    [
      {
        type: 'protection-decided',
        payload: {
          requestId: command.requestId,
          decision: command.decision,
          reason: command.reason,
          decidedAt: command.now,
        },
      },
    ],
    rules,
    command,
  );
}

function addMedia(command: AddMedia, state: ComplaintState, rules: ComplaintRules): Decision {
  const submitted = state.submitted;
  if (!submitted) return refuse('there is no complaint here to add a recording to');
  if (submitted.channel !== 'kiosk' || submitted.submittedBy !== command.actor)
    return refuse('recordings are added from the terminal that sent the complaint');
  if (ms(command.now) - ms(submitted.recordedAt) > MEDIA_WINDOW_MS)
    return refuse('recordings can be added within 10 minutes of the complaint: send a new complaint instead');
  if (state.media.length >= MAX_MEDIA_PER_COMPLAINT)
    return refuse(`a complaint has at most ${MAX_MEDIA_PER_COMPLAINT} recordings or files`);
  if (state.media.some((media) => media.sha256 === command.sha256)) return [];
  return withDueFindings(
    state,
    [
      {
        type: 'complaint-media-added',
        payload: { sha256: command.sha256, size: command.size, enc: command.enc, addedAt: command.now },
      },
    ],
    rules,
    command,
  );
}

/** The complaint context's pure core, with the rules in force. */
export function complaintDecider(rules: ComplaintRules) {
  return {
    initialState: initialComplaintState,
    evolve: evolveComplaint,
    decide(command: ComplaintCommand, state: ComplaintState): ComplaintEvent[] | Refusal {
      switch (command.type) {
        case 'submit-complaint':
          return submitComplaint(command, state, rules);
        case 'answer-complaint':
          return answerComplaint(command, state, rules);
        case 'close-complaint':
          return closeComplaint(command, state, rules);
        case 'record-allegation-decision':
          return recordAllegationDecision(command, state, rules);
        case 'decide-protection':
          return decideProtection(command, state, rules);
        case 'add-media':
          return addMedia(command, state, rules);
        case 'record-due-findings':
          return state.submitted ? complaintDueFindings(state, rules, command.now) : [];
        default: {
          const unhandled: never = command;
          throw new Error(`unknown command ${String((unhandled as { type: unknown }).type)}`);
        }
      }
    },
  };
}

export type ComplaintDecider = ReturnType<typeof complaintDecider>;
