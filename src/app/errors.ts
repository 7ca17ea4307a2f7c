import type { Refusal } from '../domain/decision.js';
import type { RefusalReason } from '../domain/refusals.js';

/*
 * The errors application services throw for the edge to translate (HTTP: src/http/problem.ts;
 * CLI: a message and exit code). Each says what happened in words a person can act on.
 */

/**
 * A decider or a rule refused the command (HTTP 422, with the rule id when there is one). The
 * message is the operator's English; `reason` says the same as data, for pages to say it in
 * their reader's language (src/web/refusal-text.ts).
 */
export class RefusedError extends Error {
  readonly rule: string | undefined;
  readonly field: string | undefined;
  readonly reason: RefusalReason | undefined;
  /** The other rules the same command breaks (Refusal.also), in order. */
  readonly also: readonly Refusal[];
  constructor(refusal: Omit<Refusal, 'refused'>) {
    super(refusal.detail);
    this.name = 'RefusedError';
    this.rule = refusal.rule;
    this.field = refusal.field;
    this.reason = refusal.reason;
    this.also = refusal.also ?? [];
  }
}

/** The input does not have the required shape (HTTP 422 with the field issues). */
export class InvalidInputError extends Error {
  constructor(readonly issues: { field: string; message: string }[]) {
    super(issues.map((issue) => `${issue.field}: ${issue.message}`).join('; '));
    this.name = 'InvalidInputError';
  }
}

/** The thing named does not exist, or the caller may not know that it does (HTTP 404). */
export class NotFoundError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'NotFoundError';
  }
}

/** The request would duplicate something unique, e.g. a login name (HTTP 409). */
export class ConflictError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'ConflictError';
  }
}

/** Not logged in (401) or not allowed (403); `rule` names an access rule such as kz.cctv.women. */
export class AccessDeniedError extends Error {
  constructor(
    readonly status: 401 | 403,
    detail: string,
    readonly rule?: string,
  ) {
    super(detail);
    this.name = 'AccessDeniedError';
  }
}

/**
 * Too many wrong tries for the same thing (a complaint's PIN): locked for `retryAfterSeconds`
 * (HTTP 429 with Retry-After). Says nothing about whether the thing exists.
 */
export class LockedOutError extends Error {
  constructor(
    readonly retryAfterSeconds: number,
    detail: string,
  ) {
    super(detail);
    this.name = 'LockedOutError';
  }
}

/** Something the service needs is not set up on this server, e.g. the sealing key (HTTP 503). */
export class UnavailableError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'UnavailableError';
  }
}

/** The request is larger than this kind of record allows (HTTP 413). */
export class TooLargeError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'TooLargeError';
  }
}
