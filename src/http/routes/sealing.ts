import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAccess } from '../../app/access.js';
import { SEALING_IDLE_MS, sealingHolder, sealingPublic } from '../../app/sealing-session.js';
import { SEALING_INFO } from '../../sealing/suite.js';
import { problemResponses } from '../problem.js';
import { AUTHENTICATED } from './schemas.js';

export interface SealingRoutesOptions {
  /** Passphrase tries per principal per window (POST /sealing/unlock). */
  unlockRateLimit: { max: number; timeWindowMs: number };
}

/** Who holds a key unlocked by this request: the page session, or the bearer token's account. */
export function holderOf(request: FastifyRequest): string {
  const principal = request.principal;
  if (!principal) throw new Error('holderOf needs an authenticated request');
  return sealingHolder(principal, request.pageSession?.id ?? null);
}

/*
 * The complaints authority's key (issue 4 "Sealing"): the public half for anyone who seals (the
 * kiosk page, an independent RFC 9180 implementation), and the private half unlocked for one
 * officer's session. The passphrase is never logged: request logs carry no bodies.
 */
export const sealingRoutes: FastifyPluginAsyncZod<SealingRoutesOptions> = async (app, options) => {
  const { sealing, dataDir } = app.habeas;

  app.get(
    '/sealing/key',
    {
      schema: {
        tags: ['sealing'],
        summary: 'The complaints authority’s public HPKE key (RFC 9180), for sealing complaints',
        description:
          `Suite DHKEM(X25519, HKDF-SHA256) (kem 32), HKDF-SHA256 (kdf 1), AES-256-GCM (aead 2), base mode, ` +
          `info "${SEALING_INFO}". Seal the UTF-8 JSON {"v":1,"text","language","writtenAt","media":[]} ` +
          'and post {enc, ciphertext} in base64 to POST /api/v1/complaints. 503 until `habeas sealing init` ran.',
        response: {
          200: z.object({
            suite: z.object({ kem: z.number().int(), kdf: z.number().int(), aead: z.number().int() }),
            info: z.string(),
            publicKey: z.string().describe('Raw 32-byte X25519 public key, standard base64'),
          }),
          ...problemResponses,
        },
      },
    },
    async (_request, reply) => {
      const key = await sealingPublic(dataDir);
      // Public and never replaced, but kept fresh in case an operator restores another data directory.
      reply.header('cache-control', 'public, max-age=300');
      return { suite: key.suite, info: key.info, publicKey: key.publicKey };
    },
  );

  app.post(
    '/sealing/unlock',
    {
      config: {
        rateLimit: { max: options.unlockRateLimit.max, timeWindow: options.unlockRateLimit.timeWindowMs },
      },
      schema: {
        tags: ['sealing'],
        summary: 'Unlock the complaints key for your session (complaints officer, procurator)',
        description:
          `The key opens complaints until you lock it or leave it unused for ${SEALING_IDLE_MS / 60_000} minutes. ` +
          'A wrong passphrase is 403; at most 5 tries a minute.',
        security: AUTHENTICATED,
        body: z.strictObject({ passphrase: z.string().min(1).max(1024) }),
        response: { 204: z.null().describe('Unlocked'), ...problemResponses },
      },
    },
    async (request, reply) => {
      requireAccess(request.principal, 'sealing.unlock');
      await sealing.unlock(request.principal, holderOf(request), request.body.passphrase);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/sealing/lock',
    {
      schema: {
        tags: ['sealing'],
        summary: 'Lock the complaints key of your session again',
        security: AUTHENTICATED,
        response: { 204: z.null().describe('Locked'), ...problemResponses },
      },
    },
    async (request, reply) => {
      requireAccess(request.principal, 'sealing.unlock');
      sealing.lock(holderOf(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/sealing/session',
    {
      schema: {
        tags: ['sealing'],
        summary: 'Whether the complaints key is unlocked for your session',
        security: AUTHENTICATED,
        response: {
          200: z.object({ unlocked: z.boolean(), idleTimeoutSeconds: z.number().int() }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      requireAccess(request.principal, 'sealing.unlock');
      return { unlocked: sealing.isUnlocked(holderOf(request)), idleTimeoutSeconds: SEALING_IDLE_MS / 1000 };
    },
  );
};
