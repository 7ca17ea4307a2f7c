/**
 * The security headers of every answer (DESIGN.md "Pages": strict CSP, nothing from other hosts),
 * worked out once by helmet from the options and then set on each response as fixed strings.
 *
 * Why not the @fastify/helmet plugin: it builds a new helmet middleware for every request — parsing
 * the options and the CSP directives again — which cost about 3% of the server's time under load,
 * more than the handler of a health check. Our headers do not depend on the request (no CSP nonces),
 * so helmet runs once here, against a response that only records what it sets.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/** Header name → value, exactly as helmet sets them for these options. */
export function securityHeaders(options: Readonly<HelmetOptions>): ReadonlyMap<string, string> {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.set(name, Array.isArray(value) ? value.join(', ') : String(value));
      return recorder;
    },
    removeHeader(name: string) {
      headers.delete(name);
    },
  };
  let failure: unknown;
  helmet({ ...options })({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    failure = error;
  });
  if (failure !== undefined) throw failure instanceof Error ? failure : new Error(String(failure));
  if (headers.size === 0) throw new Error('helmet set no headers');
  return headers;
}

/**
 * Sets the headers on every response, first thing (an onRequest hook added before any other), on the
 * raw response as helmet would: they are kept on error answers, 404s and anything written directly.
 */
export function registerSecurityHeaders(app: FastifyInstance, options: Readonly<HelmetOptions>): void {
  const headers = [...securityHeaders(options)];
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
}
