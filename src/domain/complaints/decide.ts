import { complaintDueFindings } from '../../clocks/complaints.js';
import { packOf, type ComplaintRules } from '../../rules/complaint-rules.js';
import { refuse, type Refusal } from '../decision.js';
import { findingParams, type SentencingConcern } from '../findings.js';
import { reason } from '../refusals.js';
import type {
  AddMedia,
  AnswerComplaint,
  CloseComplaint,
  ComplaintCommand,
  DecideProtection,
  RecordAllegationDecision,
  RecordAllegationOutcome,
  RecordJudgeOrder,
  RouteToJudge,
  RouteToProcurator,
  SubmitComplaint,
} from './commands.js';
import { TORTURE_CATEGORY, type AllegationDecisionKind, type ComplaintEvent } from './events.js';
import {
  courtOutcomesOf,
  evolveComplaint,
  isAllegation,
  judgeOf,
  mediaRecipientOf,
  suspectsOf,
} from './evolve.js';
import { initialComplaintState, type ComplaintState } from './state.js';

/*
 * The complaint decider (STYLE.md "Deciders"): pure functions of the state and the command, with
 * time, actor and ids only from the command. A torture allegation is referred to the procurator in
 * the very append that records it, and nobody but the procurator decides on it
 * (kz.torture.referral) — unless it is about a procurator's or an investigator's own office, which
 * goes to the investigating judge instead and which no procurator decides (kz.allegation.conflict);
 * the access policy keeps other roles from the procurator's command, and
 * this decider refuses the complaints authority's answer and closure. Every decision ends with
 * the findings of the clocks due at its `now`.
 */

type Decision = ComplaintEvent[] | Refusal;

/** Media may follow the complaint from the same terminal for this long (issue 4). */
export const MEDIA_WINDOW_MS = 10 * 60_000;
/** Recordings and files per complaint. */
export const MAX_MEDIA_PER_COMPLAINT = 10;

const ONLY_PROCURATOR = 'only the procurator decides on a torture allegation';
const onlyProcurator = () =>
  refuse(ONLY_PROCURATOR, {
    rule: 'kz.torture.referral',
    reason: reason('allegation.procurator-only', {}),
  });
const notAnAllegation = () =>
  refuse('this complaint is not a torture allegation: the complaints authority answers it', {
    rule: 'kz.torture.referral',
    reason: reason('allegation.not-an-allegation', {}),
  });

/**
 * kz.allegation.conflict: a complaint about a procurator's or an investigator's own office is the
 * investigating judge's. No procurator decides or records anything on it, and it is never sealed
 * to the procurator's key.
 */
const conflict = (concerns: { office: 'procurator' | 'investigator'; region: string }, field?: string) =>
  refuse(
    `this complaint is about the ${concerns.office}’s office (${concerns.region}): it goes to the investigating judge, never to the procurator`,
    {
      rule: 'kz.allegation.conflict',
      ...(field === undefined ? {} : { field }),
      reason: reason('allegation.conflict', { office: concerns.office, region: concerns.region }),
    },
  );
const onlyJudge = () =>
  refuse(
    'the investigating judge orders the investigation of a complaint about a procurator’s or an investigator’s office',
    {
      rule: 'kz.allegation.conflict',
      reason: reason('allegation.judge-only', {}),
    },
  );

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
  // kz.allegation.conflict: a complaint about a procurator's or an investigator's office is never
  // sealed to the procurator's key.
  if (command.concerns !== null && command.sealedFor !== null) return conflict(command.concerns, 'sealedFor');
  // Issue 18 item 5: the procurator's office reads torture allegations, and nothing else.
  if (command.sealedFor !== null && command.category !== TORTURE_CATEGORY)
    return refuse('only a torture allegation is sealed to the procurator’s key as well', {
      field: 'sealedFor',
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
        ...(command.sealedFor === null ? {} : { sealedFor: command.sealedFor }),
        complainantId: command.complainantId,
        protectionRequested: command.protectionRequests.some((request) => request.kind === 'protection'),
        transferRequested: command.protectionRequests.some((request) => request.kind === 'transfer'),
        submittedAt,
        recordedAt: command.now,
      },
    },
  ];
  // kz.torture.referral: registered and referred at once, in the same entry batch; a complaint
  // about a procurator's or an investigator's own office to the investigating judge instead
  // (kz.allegation.conflict), whatever its category. Every complaint is routed by an entry of the
  // same type, so the public log does not tell which.
  events.push({
    type: 'complaint-routed',
    payload:
      command.concerns !== null
        ? {
            to: 'investigating-judge',
            rule: 'kz.allegation.conflict',
            routedAt: command.now,
            concerns: command.concerns,
          }
        : command.category === TORTURE_CATEGORY
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
  if (judgeOf(state) !== null) return onlyJudge();
  if (isAllegation(state)) return onlyProcurator();
  if (state.closed) return refuse('the complaint is closed: it takes no further answer');
  return withDueFindings(
    state,
    [
      {
        type: 'complaint-answered',
        payload: {
          sealed: command.sealed,
          ...(command.forComplainant === null ? {} : { forComplainant: command.forComplainant }),
          answeredAt: command.now,
        },
      },
    ],
    rules,
    command,
  );
}

function closeComplaint(command: CloseComplaint, state: ComplaintState, rules: ComplaintRules): Decision {
  if (!state.submitted) return refuse('there is no complaint here to close');
  if (judgeOf(state) !== null) return onlyJudge();
  if (isAllegation(state)) return onlyProcurator();
  if (state.closed) return refuse('the complaint is already closed');
  if (command.reason.trim() === '') return refuse('say why the complaint is closed', { field: 'reason' });
  return withDueFindings(
    state,
    [{ type: 'complaint-closed', payload: { reason: command.reason, closedAt: command.now } }],
    rules,
    command,
  );
}

/**
 * Issue 18 items 5 and 9: the complaints authority routes a complaint filed under another category
 * to the procurator (kz.torture.referral from then on: the procurator alone decides; the submission
 * keeps the category it was filed under), or gives the procurator's office its sealed copy of an
 * allegation made before that office had a key. Both carry the content sealed again to the
 * procurator's key; a complaint the procurator can already open takes neither.
 */
function routeToProcurator(
  command: RouteToProcurator,
  state: ComplaintState,
  rules: ComplaintRules,
): Decision {
  const submitted = state.submitted;
  if (!submitted) return refuse('there is no complaint here to route');
  const judge = judgeOf(state);
  if (judge !== null) return conflict(judge.concerns);
  if (command.reason.trim() === '')
    return refuse('say why the complaint goes to the procurator', { field: 'reason' });
  if (isAllegation(state) && state.sealedForProcurator === true)
    return refuse('the complaint is already with the procurator, who opens it with the procurator’s own key');
  const resealed: ComplaintEvent = {
    type: 'complaint-resealed',
    payload: {
      recipient: 'procurator',
      sealed: command.sealed,
      media: command.media,
      resealedAt: command.now,
    },
  };
  if (isAllegation(state)) return withDueFindings(state, [resealed], rules, command);
  return withDueFindings(
    state,
    [
      {
        type: 'complaint-routed',
        payload: {
          to: 'procurator',
          rule: 'kz.torture.referral',
          routedAt: command.now,
          rerouted: { from: submitted.category, reason: command.reason },
        },
      },
      resealed,
    ],
    rules,
    command,
  );
}

/**
 * kz.allegation.conflict: the complaints authority, having read the complaint, routes it to the
 * investigating judge: it is about a procurator's or an investigator's own office (at submission
 * it may have gone to the procurator, as a torture allegation, or stayed with the authority). From
 * then on no procurator reads or decides it; the submission keeps the category it was filed under.
 */
function routeToJudge(command: RouteToJudge, state: ComplaintState, rules: ComplaintRules): Decision {
  const submitted = state.submitted;
  if (!submitted) return refuse('there is no complaint here to route');
  if (judgeOf(state) !== null)
    return refuse('the complaint is already with the investigating judge', {
      rule: 'kz.allegation.conflict',
      reason: reason('allegation.already-with-judge', {}),
    });
  if (command.reason.trim() === '')
    return refuse('say why the complaint goes to the investigating judge', { field: 'reason' });
  return withDueFindings(
    state,
    [
      {
        type: 'complaint-routed',
        payload: {
          to: 'investigating-judge',
          rule: 'kz.allegation.conflict',
          routedAt: command.now,
          concerns: command.concerns,
          rerouted: { from: submitted.category, reason: command.reason },
        },
      },
    ],
    rules,
    command,
  );
}

/**
 * kz.allegation.conflict: the investigating judge orders the investigation — by which body, in
 * which case if known — at once (the pack's hours, a breach when none is recorded in time).
 */
function recordJudgeOrder(command: RecordJudgeOrder, state: ComplaintState, rules: ComplaintRules): Decision {
  if (!state.submitted) return refuse('there is no complaint here');
  if (judgeOf(state) === null)
    return refuse('this complaint is not with the investigating judge', {
      rule: 'kz.allegation.conflict',
      reason: reason('allegation.not-with-judge', {}),
    });
  if (Number.isNaN(ms(command.orderedAt))) return refuse('not a valid date-time', { field: 'orderedAt' });
  if (ms(command.orderedAt) > ms(command.now))
    return refuse(`the order cannot have been made in the future (${command.orderedAt})`, {
      rule: 'kz.allegation.conflict',
      field: 'orderedAt',
      reason: reason('judge-order.future', { orderedAt: command.orderedAt }),
    });
  if (command.investigateBy.trim() === '')
    return refuse('name the body ordered to investigate', {
      rule: 'kz.allegation.conflict',
      field: 'investigateBy',
      reason: reason('judge-order.body-needed', {}),
    });
  return withDueFindings(
    state,
    [
      {
        type: 'judge-order',
        payload: {
          orderedAt: command.orderedAt,
          investigateBy: command.investigateBy,
          caseNumber: command.caseNumber,
          recordedAt: command.now,
        },
      },
    ],
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
  const judge = judgeOf(state);
  if (judge !== null) return conflict(judge.concerns);
  if (!isAllegation(state)) return notAnAllegation();
  const last = state.decisions.at(-1)?.decision ?? 'none';
  const allowed = NEXT_DECISIONS[last];
  if (!allowed.includes(command.decision))
    return refuse(
      allowed.length === 0
        ? `the allegation was ${last.replaceAll('-', ' ')}: it takes no further decision here`
        : `after “${last.replaceAll('-', ' ')}” the next decision is one of: ${allowed.join(', ')}`,
      {
        rule: 'kz.torture.referral',
        field: 'decision',
        reason:
          allowed.length === 0 && last !== 'none'
            ? reason('allegation.decision-final', { last })
            : reason('allegation.decision-order', { last, allowed: [...allowed] }),
      },
    );
  if (command.decision === 'joined' && !command.caseNumber)
    return refuse('name the criminal case the allegation was joined with: it still counts as a complaint', {
      rule: 'kz.cases.joined',
      field: 'caseNumber',
      reason: reason('allegation.case-needed', {}),
    });
  if (command.decision === 'discontinued' && !command.reason)
    return refuse('say why the investigation is discontinued', {
      rule: 'kz.torture.referral',
      field: 'reason',
      reason: reason('allegation.reason-needed', {}),
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

/**
 * Why a court outcome is flagged (kz.torture.sentencing): torture reclassified as a lesser offence,
 * a suspended sentence, a plea bargain. Empty when none.
 */
export function sentencingConcerns(outcome: {
  reclassified: boolean;
  sentence: { kind: string } | null;
  pleaBargain: boolean;
}): string[] {
  return sentencingConcernCodes(outcome).map((concern) => CONCERN_TEXT[concern]);
}

/** The same concerns as codes (src/domain/findings.ts), for pages to say in their language. */
export function sentencingConcernCodes(outcome: {
  reclassified: boolean;
  sentence: { kind: string } | null;
  pleaBargain: boolean;
}): SentencingConcern[] {
  const concerns: SentencingConcern[] = [];
  if (outcome.reclassified) concerns.push('reclassified');
  if (outcome.sentence?.kind === 'suspended') concerns.push('suspended-sentence');
  if (outcome.pleaBargain) concerns.push('plea-bargain');
  return concerns;
}

const CONCERN_TEXT: Record<SentencingConcern, string> = {
  reclassified: 'torture reclassified as a lesser offence',
  'suspended-sentence': 'a suspended sentence',
  'plea-bargain': 'a plea bargain',
};

/**
 * What the procurator records on an allegation besides its decisions: suspects identified and
 * suspended (kz.torture.suspension: a 24 h clock per official), the court's outcome
 * (kz.torture.sentencing: recorded as the court decided, flagged, never refused) and evidence
 * excluded (kz.evidence.inadmissible: a record on the case).
 */
function recordAllegationOutcome(
  command: RecordAllegationOutcome,
  state: ComplaintState,
  rules: ComplaintRules,
): Decision {
  if (!state.submitted) return refuse('there is no allegation here');
  const judge = judgeOf(state);
  if (judge !== null) return conflict(judge.concerns);
  if (!isAllegation(state)) return notAnAllegation();
  const { outcome } = command;
  if (Number.isNaN(ms(outcome.at))) return refuse('not a valid date-time', { field: 'at' });
  if (ms(outcome.at) > ms(command.now))
    return refuse(`this cannot have happened in the future (${outcome.at})`, { field: 'at' });
  const recordedAt = command.now;
  let events: ComplaintEvent[];
  switch (outcome.kind) {
    case 'suspects-identified': {
      const known = new Set(suspectsOf(state).map((suspect) => suspect.official));
      const seen = new Set<string>();
      for (const official of outcome.officials) {
        if (official.trim() === '')
          return refuse('name each official identified', {
            rule: 'kz.torture.suspension',
            field: 'officials',
            reason: reason('suspects.name-each', {}),
          });
        if (known.has(official))
          return refuse(`${official} was already identified on this allegation`, {
            rule: 'kz.torture.suspension',
            field: 'officials',
            reason: reason('suspects.already-identified', { official }),
          });
        if (seen.has(official))
          return refuse(`${official} is named twice`, {
            rule: 'kz.torture.suspension',
            field: 'officials',
            reason: reason('suspects.named-twice', { official }),
          });
        seen.add(official);
      }
      if (seen.size === 0)
        return refuse('name at least one official identified', {
          rule: 'kz.torture.suspension',
          field: 'officials',
          reason: reason('suspects.none', {}),
        });
      events = [
        {
          type: 'suspects-identified',
          payload: { officials: outcome.officials, at: outcome.at, recordedAt },
        },
      ];
      break;
    }
    case 'official-suspended': {
      const suspects = suspectsOf(state).filter((suspect) => suspect.official === outcome.official);
      if (suspects.length === 0)
        return refuse(
          `${outcome.official} was not identified as a suspect on this allegation: identify them first`,
          {
            rule: 'kz.torture.suspension',
            field: 'official',
            reason: reason('suspension.not-identified', { official: outcome.official }),
          },
        );
      const pending = suspects.find((suspect) => suspect.suspended === null);
      if (!pending)
        return refuse(`${outcome.official} was already suspended`, {
          rule: 'kz.torture.suspension',
          field: 'official',
          reason: reason('suspension.already', { official: outcome.official }),
        });
      if (ms(outcome.at) < ms(pending.identifiedAt))
        return refuse(`the suspension cannot precede the identification (${pending.identifiedAt})`, {
          rule: 'kz.torture.suspension',
          field: 'at',
          reason: reason('suspension.before-identification', { identifiedAt: pending.identifiedAt }),
        });
      if (outcome.by.trim() === '')
        return refuse('say who ordered the suspension', {
          rule: 'kz.torture.suspension',
          field: 'by',
          reason: reason('suspension.ordered-by', {}),
        });
      events = [
        {
          type: 'official-suspended',
          payload: { official: outcome.official, at: outcome.at, by: outcome.by, recordedAt },
        },
      ];
      break;
    }
    case 'court-outcome': {
      if (outcome.outcome === 'convicted' && outcome.sentence === null)
        return refuse('give the sentence the court imposed', {
          rule: 'kz.torture.sentencing',
          field: 'sentence',
          reason: reason('court-outcome.sentence-needed', {}),
        });
      if (outcome.outcome === 'acquitted' && outcome.sentence !== null)
        return refuse('an acquittal carries no sentence', {
          rule: 'kz.torture.sentencing',
          field: 'sentence',
          reason: reason('court-outcome.acquittal-sentence', {}),
        });
      if (outcome.article.trim() === '')
        return refuse('name the article the court applied', {
          rule: 'kz.torture.sentencing',
          field: 'article',
          reason: reason('court-outcome.article-needed', {}),
        });
      events = [
        {
          type: 'court-outcome',
          payload: {
            at: outcome.at,
            outcome: outcome.outcome,
            article: outcome.article,
            reclassified: outcome.reclassified,
            sentence: outcome.sentence,
            pleaBargain: outcome.pleaBargain,
            recordedAt,
          },
        },
      ];
      // kz.torture.sentencing: the court decided; recorded as it did, and flagged.
      const concerns = sentencingConcernCodes(outcome);
      if (concerns.length > 0)
        events.push({
          type: 'finding-recorded',
          payload: {
            key: `kz.torture.sentencing#${courtOutcomesOf(state).length + 1}`,
            rule: 'kz.torture.sentencing',
            kind: 'flag',
            at: outcome.at,
            detail: `the court's outcome (${outcome.article}) of ${outcome.at}: ${sentencingConcerns(outcome).join('; ')}`,
            params: findingParams('kz.torture.sentencing', {
              article: outcome.article,
              decidedAt: outcome.at,
              concerns,
            }),
            ...packOf(rules, 'kz.torture.sentencing'),
          },
        });
      break;
    }
    case 'evidence-excluded':
      if (outcome.description.trim() === '')
        return refuse('describe the evidence excluded', {
          rule: 'kz.evidence.inadmissible',
          field: 'description',
          reason: reason('evidence.description-needed', {}),
        });
      events = [
        {
          type: 'evidence-excluded',
          payload: { at: outcome.at, description: outcome.description, recordedAt },
        },
      ];
      break;
    default: {
      const unhandled: never = outcome;
      throw new Error(`unknown outcome ${String((unhandled as { kind: unknown }).kind)}`);
    }
  }
  return withDueFindings(state, events, rules, command);
}

function decideProtection(command: DecideProtection, state: ComplaintState, rules: ComplaintRules): Decision {
  const request = state.protection.find((candidate) => candidate.requestId === command.requestId);
  if (!request) return refuse(`there is no request ${command.requestId}`);
  if (request.decided)
    return refuse(`this request was already ${request.decided.decision} on ${request.decided.decidedAt}`, {
      rule: 'kz.transfer.protection',
      reason: reason('protection.already-decided', {
        decision: request.decided.decision,
        decidedAt: request.decided.decidedAt,
      }),
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
  // Each recipient's copies count apart: an allegation's recording is sealed once for each.
  if (command.recipient === 'procurator' && !(isAllegation(state) && submitted.category === TORTURE_CATEGORY))
    return refuse('only a torture allegation’s recordings are sealed to the procurator’s key as well');
  if (
    state.media.filter((media) => mediaRecipientOf(media) === command.recipient).length >=
    MAX_MEDIA_PER_COMPLAINT
  )
    return refuse(`a complaint has at most ${MAX_MEDIA_PER_COMPLAINT} recordings or files`);
  if (state.media.some((media) => media.sha256 === command.sha256)) return [];
  return withDueFindings(
    state,
    [
      {
        type: 'complaint-media-added',
        payload: {
          sha256: command.sha256,
          size: command.size,
          enc: command.enc,
          ...(command.recipient === 'procurator' ? { recipient: 'procurator' as const } : {}),
          addedAt: command.now,
        },
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
        case 'route-to-procurator':
          return routeToProcurator(command, state, rules);
        case 'route-to-judge':
          return routeToJudge(command, state, rules);
        case 'record-judge-order':
          return recordJudgeOrder(command, state, rules);
        case 'record-allegation-decision':
          return recordAllegationDecision(command, state, rules);
        case 'record-allegation-outcome':
          return recordAllegationOutcome(command, state, rules);
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
