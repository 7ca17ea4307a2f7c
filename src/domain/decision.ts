import type { RefusalReason } from './refusals.js';

/**
 * What a decider returns when it will not turn a command into events: the rule (a RULES.md id,
 * when one applies), a sentence for the operator (English), the field it concerns, if any, and —
 * for every refusal naming a rule — the reason as data (src/domain/refusals.ts), which pages say
 * in their reader's language. Shared by every context (STYLE.md "Deciders").
 */
export interface Refusal {
  refused: true;
  rule?: string;
  detail: string;
  field?: string;
  reason?: RefusalReason;
  /**
   * The other rules the same command breaks, after this first one (a discipline measure may break
   * several at once: the check before a decision names every one, not only the first).
   */
  also?: readonly Refusal[];
}

export function refuse(
  detail: string,
  options: { rule?: string; field?: string; reason?: RefusalReason } = {},
): Refusal {
  return { refused: true, detail, ...options };
}

export function isRefusal<E>(decision: readonly E[] | Refusal): decision is Refusal {
  return !Array.isArray(decision);
}

/** What the log says about an entry besides its payload (passed to `evolve` by src/app/execute.ts). */
export interface EventMeta {
  seq: number;
  version: number;
  /** Server time the entry was appended (the entry's `at`). */
  recordedAt: string;
  actor: string;
}
