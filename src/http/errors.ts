import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import {
  AccessDeniedError,
  ConflictError,
  InvalidInputError,
  LockedOutError,
  NotFoundError,
  RefusedError,
  TooLargeError,
  UnavailableError,
} from '../app/errors.js';
import { StoreIntegrityError } from '../store/head-check.js';
import { StoreBusyError, VersionConflictError } from '../store/types.js';
import { HttpProblem, sendProblem, type Issue } from './problem.js';

/*
 * Every error becomes an RFC 9457 problem (DESIGN.md "Interfaces"): the application's named
 * errors, Fastify's client errors (malformed JSON 400, 413, 415), validation (422 for bodies,
 * 400 for query, path and headers) and, for anything else, a 500 that says nothing of the cause
 * to the client and is logged without request data.
 */

/** Friendlier words for Fastify's own client errors. */
const FASTIFY_DETAILS: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'this content type is not accepted here: send application/json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'the request body is too large (at most 1 MiB)',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'the body is empty although the content type says JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'the body is not valid JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'the Content-Length does not match the body',
  FST_ERR_BAD_URL: 'the URL is malformed',
  FST_ERR_MAX_PARAM_LENGTH: 'a part of the path is too long',
};

function validationIssues(
  error: { validation: { instancePath: string; message?: string }[] },
  context: string,
): Issue[] {
  return error.validation.map((issue) => ({
    field: [context, ...issue.instancePath.split('/').filter((part) => part.length > 0)].join('.'),
    message: issue.message ?? 'is invalid',
  }));
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof HttpProblem) return sendProblem(reply, error.status, error.detail, error.extra);
  if (error instanceof AccessDeniedError)
    return sendProblem(reply, error.status, error.message, {
      rule: error.rule,
      ...(error.status === 401 ? { headers: { 'www-authenticate': 'Bearer' } } : {}),
    });
  if (error instanceof RefusedError)
    return sendProblem(reply, 422, error.message, {
      rule: error.rule,
      reason: error.reason,
      ...(error.field ? { issues: [{ field: `body.${error.field}`, message: error.message }] } : {}),
    });
  if (error instanceof InvalidInputError)
    return sendProblem(reply, 422, 'the request is not valid: see issues', {
      issues: error.issues.map((issue) => ({ ...issue, field: `body.${issue.field}` })),
    });
  if (error instanceof NotFoundError) return sendProblem(reply, 404, error.message);
  if (error instanceof ConflictError) return sendProblem(reply, 409, error.message);
  if (error instanceof LockedOutError)
    return sendProblem(reply, 429, error.message, {
      headers: { 'retry-after': String(Math.max(1, Math.ceil(error.retryAfterSeconds))) },
    });
  if (error instanceof UnavailableError) return sendProblem(reply, 503, error.message);
  if (error instanceof TooLargeError) return sendProblem(reply, 413, error.message);
  if (error instanceof VersionConflictError)
    return sendProblem(
      reply,
      409,
      'someone else changed this record at the same time: reload it and try again',
    );
  if (error instanceof StoreBusyError)
    return sendProblem(reply, 503, 'the log is busy: retry in a moment', { headers: { 'retry-after': '1' } });
  // The log was found broken (issue 17): nothing is written until the operator restores it.
  if (error instanceof StoreIntegrityError) return sendProblem(reply, 503, error.message);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = error.validationContext ?? 'body';
    const status = context === 'body' ? 422 : 400;
    return sendProblem(
      reply,
      status,
      `the request ${context === 'querystring' ? 'query' : context} is not valid: see issues`,
      {
        issues: validationIssues(error, context === 'querystring' ? 'query' : context),
      },
    );
  }
  const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status >= 400 && status < 500) {
    return sendProblem(reply, status, FASTIFY_DETAILS[error.code] ?? 'the request cannot be processed');
  }
  // A fault of ours: log what we need to find it, never the request's content.
  request.log.error(
    { err: { type: error.name, code: error.code, message: error.message, stack: error.stack } },
    'request failed',
  );
  return sendProblem(reply, 500, 'something went wrong on our side; it has been logged');
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  const path = (request.url.split('?')[0] ?? '').slice(0, 200);
  return sendProblem(reply, 404, `there is nothing at ${request.method} ${path}`);
}
