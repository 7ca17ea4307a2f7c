import type { Principal } from '../access/principal.js';

/** What the auth hook puts on every request (see src/http/auth). */
declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated principal, or null for the public. */
    principal: Principal | null;
    /** The page session (cookie), with its CSRF token; null for bearer tokens and the public. */
    pageSession: { id: string; csrfToken: string } | null;
    /** Interface language chosen for this request (kk, ru or en). */
    lang: 'kk' | 'ru' | 'en';
  }
}
