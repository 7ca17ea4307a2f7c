import type { FastifyInstance } from 'fastify';

/*
 * Answers to someone signed in — a person's session or a service account's token — may carry
 * personal data, so no browser, proxy or shared cache may keep them: `Cache-Control: no-store`
 * (OWASP Session Management Cheat Sheet, "Web content caching"). One hook for the whole server,
 * so no route can forget it. What is public by nature and says so (`public` — the stylesheet and
 * scripts, the sealing public key, the log's checkpoints and proofs when a route marks them)
 * keeps its own caching; the public's answers are left as their routes set them.
 */
export function registerNoStore(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.principal === null) return payload;
    const declared = reply.getHeader('cache-control');
    if (typeof declared === 'string' && /(^|,)\s*public\s*(,|$)/i.test(declared)) return payload;
    reply.header('cache-control', 'no-store');
    return payload;
  });
}
