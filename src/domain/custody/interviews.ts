import { findingParams, type FindingParamsByRule } from '../findings.js';
import type { InterviewRecorded } from './events.js';
import { statedTimes } from './in-force.js';
import type { CustodyState } from './state.js';

/*
 * kz.custody.interview (seed ¶7, ¶39): what is wrong with an interview of a detained suspect,
 * decided from the episode as it stands when the interview is recorded. Pure. As with the clocks
 * (src/domain/custody/in-force.ts), a correction never makes the record look more compliant: the
 * rights count as explained, and counsel as arrived, at the latest time ever stated for them; a
 * request for counsel counts from the earliest.
 */

export type InterviewConcernParams = FindingParamsByRule['kz.custody.interview'];

const ms = (iso: string): number => Date.parse(iso);

/** Every entry of a type with the earliest and latest times ever stated for it (in milliseconds). */
function statedOf(state: CustodyState, type: 'rights-explained' | 'counsel-requested' | 'counsel-arrived') {
  const found: { earliest: number; latest: number }[] = [];
  for (const item of state.timeline) {
    if (item.event.type !== type) continue;
    const times = statedTimes(state, item.seq);
    if (times) found.push({ earliest: ms(times.earliest), latest: ms(times.latest) });
  }
  return found;
}

/**
 * The findings an interview makes, in this order: begun before the rights were explained, begun
 * while requested counsel had not arrived (unless the suspect waived counsel in writing), and no
 * video recording. Empty when none applies.
 */
export function interviewConcerns(
  state: CustodyState,
  interview: InterviewRecorded['payload'],
): InterviewConcernParams[] {
  const { interviewId, startedAt } = interview;
  const start = ms(startedAt);
  const concerns: InterviewConcernParams[] = [];

  const rights = statedOf(state, 'rights-explained').map((times) => times.latest);
  if (!rights.some((at) => at <= start)) {
    const after = rights.filter((at) => at > start);
    concerns.push(
      findingParams('kz.custody.interview', {
        concern: 'before-rights',
        interviewId,
        startedAt,
        rightsExplainedAt: after.length > 0 ? new Date(Math.min(...after)).toISOString() : null,
      }),
    );
  }

  if (interview.counsel !== 'waived-in-writing') {
    const arrivals = statedOf(state, 'counsel-arrived');
    const unanswered = statedOf(state, 'counsel-requested')
      .filter((request) => request.earliest <= start)
      .filter(
        (request) =>
          !arrivals.some((arrival) => arrival.earliest >= request.latest && arrival.latest <= start),
      )
      .sort((a, b) => a.earliest - b.earliest);
    const first = unanswered[0];
    if (first)
      concerns.push(
        findingParams('kz.custody.interview', {
          concern: 'counsel-absent',
          interviewId,
          startedAt,
          requestedAt: new Date(first.earliest).toISOString(),
          counsel: interview.counsel,
        }),
      );
  }

  if (interview.recording === null)
    concerns.push(findingParams('kz.custody.interview', { concern: 'not-recorded', interviewId, startedAt }));
  return concerns;
}

/** The operator's English for a concern, as the log keeps it beside the parameters. */
export function interviewConcernDetail(concern: InterviewConcernParams): string {
  const interview = `interview ${concern.interviewId} begun at ${concern.startedAt}`;
  switch (concern.concern) {
    case 'before-rights':
      return concern.rightsExplainedAt === null
        ? `${interview}: no explanation of rights is recorded before it`
        : `${interview} before the rights were explained at ${concern.rightsExplainedAt}`;
    case 'counsel-absent':
      return (
        `${interview} while counsel requested at ${concern.requestedAt} had not arrived` +
        (concern.counsel === 'present'
          ? ' (the interview states counsel was present, but no arrival of counsel is recorded)'
          : '')
      );
    case 'not-recorded':
      return `${interview} was not video-recorded`;
  }
}
