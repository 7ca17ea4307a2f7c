import type { EventMeta } from '../decision.js';
import {
  COMPLAINT_EVENT_TYPES,
  TORTURE_CATEGORY,
  type AllegationDecisionKind,
  type ComplaintCategory,
  type ComplaintEvent,
} from './events.js';
import type { ComplaintState, ComplaintStatus } from './state.js';

const TYPES: ReadonlySet<string> = new Set(COMPLAINT_EVENT_TYPES);

/** The status an allegation has after each decision of the procurator. */
export const STATUS_AFTER_DECISION: Record<AllegationDecisionKind, ComplaintStatus> = {
  'investigation-opened': 'under-investigation',
  // Joined with another case: investigated there, and still counted (kz.cases.joined).
  joined: 'under-investigation',
  'sent-to-court': 'closed',
  discontinued: 'closed',
};

/**
 * An event of this context with its payload: entries of other types and entries whose payload was
 * erased count for the stream version but change nothing else.
 */
function isComplaintEvent(event: { type: unknown; payload: unknown }): event is ComplaintEvent {
  return (
    typeof event.type === 'string' &&
    TYPES.has(event.type) &&
    event.payload !== null &&
    typeof event.payload === 'object' &&
    !Array.isArray(event.payload)
  );
}

const withStatus = (state: ComplaintState, status: ComplaintStatus, at: string): ComplaintState =>
  state.status === status ? state : { ...state, status, statusAt: at };

/** Folds one entry of a complaint stream into the state (STYLE.md "Deciders"); pure. */
export function evolveComplaint(
  state: ComplaintState,
  event: ComplaintEvent,
  meta: EventMeta,
): ComplaintState {
  const version = Math.max(state.version, meta.version + 1);
  if (!isComplaintEvent(event)) return { ...state, version };
  const next: ComplaintState = { ...state, version };
  switch (event.type) {
    case 'complaint-submitted': {
      if (state.submitted) return next;
      const { sealed: _sealed, sealedFor, ...submitted } = event.payload;
      return {
        ...next,
        submitted: { ...submitted, seq: meta.seq, submittedBy: meta.actor },
        sealedForProcurator: sealedFor?.procurator !== undefined,
        status: 'received',
        statusAt: submitted.submittedAt,
      };
    }
    case 'complaint-routed': {
      if (event.payload.to === 'investigating-judge') {
        // kz.allegation.conflict: once with the investigating judge, it stays there.
        if (judgeOf(state) !== null) return next;
        const { routedAt, concerns, rerouted } = event.payload;
        return withStatus(
          {
            ...next,
            judge: { concerns, routedAt, rerouted: rerouted ?? null, seq: meta.seq, actor: meta.actor },
          },
          'referred-to-investigating-judge',
          routedAt,
        );
      }
      if (event.payload.to !== 'procurator') return next;
      const { routedAt, rerouted } = event.payload;
      // Never back to the procurator from the investigating judge (kz.allegation.conflict).
      if (state.referredAt !== null || judgeOf(state) !== null) return next;
      return withStatus(
        {
          ...next,
          referredAt: routedAt,
          rerouted: rerouted ? { ...rerouted, routedAt, seq: meta.seq, actor: meta.actor } : null,
        },
        'referred-to-procurator',
        routedAt,
      );
    }
    case 'complaint-resealed':
      return {
        ...next,
        sealedForProcurator: true,
        media: [
          ...state.media,
          ...event.payload.media.map((media) => ({
            seq: meta.seq,
            sha256: media.sha256,
            size: media.size,
            addedAt: event.payload.resealedAt,
            actor: meta.actor,
            recipient: 'procurator' as const,
          })),
        ],
      };
    case 'protection-requested':
      return {
        ...next,
        protection: [...state.protection, { ...event.payload, seq: meta.seq, decided: null }],
      };
    case 'protection-decided': {
      const { requestId, ...decided } = event.payload;
      return {
        ...next,
        protection: state.protection.map((request) =>
          request.requestId === requestId && request.decided === null
            ? { ...request, decided: { ...decided, seq: meta.seq, actor: meta.actor } }
            : request,
        ),
      };
    }
    case 'complaint-answered': {
      const answers = [
        ...state.answers,
        { seq: meta.seq, answeredAt: event.payload.answeredAt, actor: meta.actor },
      ];
      const answered = { ...next, answers };
      return state.closed ? answered : withStatus(answered, 'answered', event.payload.answeredAt);
    }
    case 'complaint-closed':
      return withStatus(
        {
          ...next,
          closed: {
            seq: meta.seq,
            reason: event.payload.reason,
            closedAt: event.payload.closedAt,
            actor: meta.actor,
          },
        },
        'closed',
        event.payload.closedAt,
      );
    case 'allegation-decision': {
      const decisions = [...state.decisions, { ...event.payload, seq: meta.seq, actor: meta.actor }];
      return withStatus(
        { ...next, decisions },
        STATUS_AFTER_DECISION[event.payload.decision],
        event.payload.decidedAt,
      );
    }
    case 'judge-order': {
      const { recordedAt: _recordedAt, ...order } = event.payload;
      return withStatus(
        { ...next, judgeOrders: [...judgeOrdersOf(state), { ...order, seq: meta.seq, actor: meta.actor }] },
        'under-investigation',
        order.orderedAt,
      );
    }
    case 'suspects-identified': {
      const added = event.payload.officials.map((official) => ({
        official,
        identifiedAt: event.payload.at,
        seq: meta.seq,
        actor: meta.actor,
        suspended: null,
      }));
      return { ...next, suspects: [...suspectsOf(state), ...added] };
    }
    case 'official-suspended': {
      const { official, at, by } = event.payload;
      let done = false;
      const suspects = suspectsOf(state).map((suspect) => {
        if (done || suspect.official !== official || suspect.suspended !== null) return suspect;
        done = true;
        return { ...suspect, suspended: { at, by, seq: meta.seq, actor: meta.actor } };
      });
      return { ...next, suspects };
    }
    case 'court-outcome': {
      const { recordedAt: _recordedAt, ...outcome } = event.payload;
      return {
        ...next,
        courtOutcomes: [...courtOutcomesOf(state), { ...outcome, seq: meta.seq, actor: meta.actor }],
      };
    }
    case 'evidence-excluded': {
      const { recordedAt: _recordedAt, ...excluded } = event.payload;
      return {
        ...next,
        evidenceExcluded: [...evidenceExcludedOf(state), { ...excluded, seq: meta.seq, actor: meta.actor }],
      };
    }
    case 'complaint-media-added':
      return {
        ...next,
        media: [
          ...state.media,
          {
            seq: meta.seq,
            sha256: event.payload.sha256,
            size: event.payload.size,
            addedAt: event.payload.addedAt,
            actor: meta.actor,
            recipient: event.payload.recipient ?? 'complaints-authority',
          },
        ],
      };
    case 'finding-recorded':
      return { ...next, findings: [...state.findings, { ...meta, finding: event.payload }] };
    default: {
      const unhandled: never = event;
      throw new Error(`unknown complaint event ${String((unhandled as { type: unknown }).type)}`);
    }
  }
}

/*
 * States folded (and stored in the read model) before kz.torture.suspension, kz.torture.sentencing
 * and kz.evidence.inadmissible were recorded lack their lists: read them as empty.
 */
type Partial3 = Partial<Pick<ComplaintState, 'suspects' | 'courtOutcomes' | 'evidenceExcluded'>>;
export const suspectsOf = (state: ComplaintState): ComplaintState['suspects'] =>
  (state as Omit<ComplaintState, keyof Partial3> & Partial3).suspects ?? [];
export const courtOutcomesOf = (state: ComplaintState): ComplaintState['courtOutcomes'] =>
  (state as Omit<ComplaintState, keyof Partial3> & Partial3).courtOutcomes ?? [];
export const evidenceExcludedOf = (state: ComplaintState): ComplaintState['evidenceExcluded'] =>
  (state as Omit<ComplaintState, keyof Partial3> & Partial3).evidenceExcluded ?? [];

/**
 * A torture allegation (kz.torture.referral): the procurator's alone to decide — unless it is about
 * a procurator's or an investigator's own office, which the investigating judge has instead
 * (kz.allegation.conflict).
 */
export const isAllegation = (state: ComplaintState): boolean =>
  state.referredAt !== null && judgeOf(state) === null;

/** kz.allegation.conflict: the routing to the investigating judge, or null (states folded without it too). */
export const judgeOf = (state: ComplaintState): NonNullable<ComplaintState['judge']> | null =>
  state.judge ?? null;

/** kz.allegation.conflict: the investigating judge's orders, oldest first. */
export const judgeOrdersOf = (state: ComplaintState): NonNullable<ComplaintState['judgeOrders']> =>
  state.judgeOrders ?? [];

/** With the investigating judge (kz.allegation.conflict): no procurator reads or decides it. */
export const isWithJudge = (state: ComplaintState): boolean => judgeOf(state) !== null;

/** Whose key a stored recording is sealed to (states folded before issue 18: the authority's). */
export const mediaRecipientOf = (
  media: ComplaintState['media'][number],
): 'complaints-authority' | 'procurator' => media.recipient ?? 'complaints-authority';

/** The category a complaint is handled under now: a torture allegation once routed to the procurator. */
export const currentCategoryOf = (state: ComplaintState): ComplaintCategory | null =>
  state.submitted === null ? null : state.rerouted ? TORTURE_CATEGORY : state.submitted.category;
