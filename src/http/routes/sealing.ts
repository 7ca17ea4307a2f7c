import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAccess } from '../../app/access.js';
import { SEALING_IDLE_MS, sealingHolder, sealingOf, sealingPublic } from '../../app/sealing-session.js';
import type { SealingRecipient } from '../../sealing/keystore.js';
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

const PublicKey = z.object({
  suite: z.object({ kem: z.number().int(), kdf: z.number().int(), aead: z.number().int() }),
  info: z.string(),
  publicKey: z.string().describe('Raw 32-byte X25519 public key, standard base64'),
});

/*
 * The sealing keys (issue 4 "Sealing"; issue 18 item 5): the complaints authority's and the
 * procurator's office's public halves for anyone who seals (the kiosk page, an independent RFC 9180
 * implementation), and each private half unlocked for one officer's session of its own institution
 * — a complaints officer unlocks the authority's key, a procurator the procurator's office's, each
 * with its own passphrase. The passphrase is never logged: request logs carry no bodies.
 */
export const sealingRoutes: FastifyPluginAsyncZod<SealingRoutesOptions> = async (app, options) => {
  const { dataDir } = app.habeas;

  const publish = async (
    recipient: SealingRecipient,
    reply: { header(name: string, value: string): unknown },
  ) => {
    const key = await sealingPublic(dataDir, recipient);
    // Public and never replaced, but kept fresh in case an operator restores another data directory.
    reply.header('cache-control', 'public, max-age=300');
    return { suite: key.suite, info: key.info, publicKey: key.publicKey };
  };

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
        response: { 200: PublicKey, ...problemResponses },
      },
    },
    async (_request, reply) => publish('complaints-authority', reply),
  );

  app.get(
    '/sealing/procurator-key',
    {
      schema: {
        tags: ['sealing'],
        summary: 'The procurator’s office’s public HPKE key, for sealing torture allegations to it as well',
        description:
          'The same suite and info as GET /api/v1/sealing/key. A `torture-or-ill-treatment` complaint is sealed ' +
          'to both keys, the same plaintext each time: `sealed` to the complaints authority, `sealedFor.procurator` ' +
          'to this key (kz.torture.referral). 503 until `habeas sealing init --for procurator` ran; until then ' +
          'allegations are sealed to the authority alone, which later seals the procurator’s copy.',
        response: { 200: PublicKey, ...problemResponses },
      },
    },
    async (_request, reply) => publish('procurator', reply),
  );

  app.post(
    '/sealing/unlock',
    {
      config: {
        rateLimit: { max: options.unlockRateLimit.max, timeWindow: options.unlockRateLimit.timeWindowMs },
      },
      schema: {
        tags: ['sealing'],
        summary:
          'Unlock your institution’s key for your session (complaints officer: the authority’s; procurator: the procurator’s office’s)',
        description:
          `The key opens what was sealed to it until you lock it or leave it unused for ${SEALING_IDLE_MS / 60_000} minutes. ` +
          'Each institution gives its own passphrase. A wrong passphrase is 403; at most 5 tries a minute.',
        security: AUTHENTICATED,
        body: z.strictObject({ passphrase: z.string().min(1).max(1024) }),
        response: { 204: z.null().describe('Unlocked'), ...problemResponses },
      },
    },
    async (request, reply) => {
      const officer = requireAccess(request.principal, 'sealing.unlock');
      await sealingOf(app.habeas, officer).unlock(officer, holderOf(request), request.body.passphrase);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/sealing/lock',
    {
      schema: {
        tags: ['sealing'],
        summary: 'Lock your institution’s key of your session again',
        security: AUTHENTICATED,
        response: { 204: z.null().describe('Locked'), ...problemResponses },
      },
    },
    async (request, reply) => {
      const officer = requireAccess(request.principal, 'sealing.unlock');
      sealingOf(app.habeas, officer).lock(holderOf(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/sealing/session',
    {
      schema: {
        tags: ['sealing'],
        summary: 'Whether your institution’s key is unlocked for your session',
        security: AUTHENTICATED,
        response: {
          200: z.object({ unlocked: z.boolean(), idleTimeoutSeconds: z.number().int() }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const officer = requireAccess(request.principal, 'sealing.unlock');
      return {
        unlocked: sealingOf(app.habeas, officer).isUnlocked(holderOf(request)),
        idleTimeoutSeconds: SEALING_IDLE_MS / 1000,
      };
    },
  );
};
