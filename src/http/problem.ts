import { STATUS_CODES } from 'node:http';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';

/*
 * RFC 9457 problem details, the one error format of the API (DESIGN.md "Interfaces"): `status`,
 * `title` (the status phrase), `detail` (what happened and what to do, in English), `rule` (the
 * RULES.md id when a rule refused) with `code` and `params` (why, as data: src/domain/refusals.ts,
 * for a client to say it in its own language), and for validation the `issues`, one per field.
 */

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export const Issue = z.object({ field: z.string(), message: z.string() });
export type Issue = z.infer<typeof Issue>;

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    rule: z.string().optional(),
    code: z.string().optional().describe('Why a rule refused, as a code (src/domain/refusals.ts)'),
    params: z.record(z.string(), z.unknown()).optional().describe('The parameters of `code`'),
    issues: z.array(Issue).optional(),
  })
  .describe('RFC 9457 problem details (application/problem+json)');
export type Problem = z.infer<typeof Problem>;

/** An error that is already an HTTP answer: thrown by hooks and handlers, sent by the error handler. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly extra: ProblemExtra & { headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }

  get statusCode(): number {
    return this.status;
  }
}

/** What a problem may say besides its status and detail. */
export interface ProblemExtra {
  rule?: string | undefined;
  /** Why a rule refused, as data (a RefusedError's reason). */
  reason?: { code: string; params: Record<string, unknown> } | undefined;
  issues?: Issue[];
}

export function problemBody(status: number, detail: string, extra: ProblemExtra = {}): Problem {
  return {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    ...(extra.rule ? { rule: extra.rule } : {}),
    ...(extra.reason ? { code: extra.reason.code, params: extra.reason.params } : {}),
    ...(extra.issues && extra.issues.length > 0 ? { issues: extra.issues } : {}),
  };
}

/** Sends a problem as a string, so no route's response serializer reshapes it. */
export function sendProblem(
  reply: FastifyReply,
  status: number,
  detail: string,
  extra: ProblemExtra & { headers?: Record<string, string> } = {},
): FastifyReply {
  for (const [name, value] of Object.entries(extra.headers ?? {})) reply.header(name, value);
  return reply
    .code(status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problemBody(status, detail, extra)));
}

/** The problem responses every route may give, for its schema (OpenAPI and documentation). */
export const problemResponses = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  413: Problem,
  415: Problem,
  422: Problem,
  429: Problem,
  503: Problem,
} as const;
