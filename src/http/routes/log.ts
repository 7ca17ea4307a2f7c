import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { entryJson } from '../../ledger/entry.js';
import { toBase64 } from '../../ledger/hash.js';
import { HttpProblem, problemResponses } from '../problem.js';
import { requireAccess } from '../../app/access.js';
import { AUTHENTICATED, Count } from './schemas.js';

/** At most this many entries per GET /log/entries; clients page with `start`. */
export const MAX_ENTRIES_PER_PAGE = 1000;

const Hashes = z.array(z.string().describe('base64 SHA-256')).describe('RFC 6962 proof, bottom to top');

/*
 * The log over HTTP (DESIGN.md "Interfaces"): anyone may fetch the signed checkpoint and the
 * proofs — hashes only, enough for witnesses and auditors to check consistency and inclusion. The
 * entries themselves (stream ids, event types, actors: handles on people and facts about them)
 * are for the national oversight bodies, and for auditors through an export (docs/security.md).
 * Ranges are checked against the current tree size here, so that a request beyond it is a 422,
 * never an error of the store.
 */
export const logRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store } = app.habeas;

  const treeSize = async (): Promise<number> => store.size();

  app.get(
    '/log/checkpoint',
    {
      schema: {
        tags: ['log'],
        summary: 'The newest published checkpoint (C2SP signed note, with the witnesses’ cosignatures)',
        description:
          'Signed when the tree grew. With witnesses configured, the newest checkpoint their quorum cosigned, ' +
          'its cosignature lines (C2SP tlog-cosignature) added to the note’s signatures.',
        produces: ['text/plain'],
        response: { 200: z.string(), ...problemResponses },
      },
    },
    async (_request, reply) =>
      reply.type('text/plain; charset=utf-8').send((await store.publishedCheckpoint()).note),
  );

  app.get(
    '/log/proof/inclusion',
    {
      schema: {
        tags: ['log'],
        summary: 'Inclusion proof of entry `index` in the tree of size `size` (RFC 6962 §2.1.1)',
        querystring: z.object({ index: Count, size: Count }),
        response: {
          200: z.object({ index: z.number().int(), size: z.number().int(), hashes: Hashes }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const { index, size } = request.query;
      const current = await treeSize();
      if (size > current) throw new HttpProblem(422, `size ${size} is beyond the tree (size ${current})`);
      if (index >= size) throw new HttpProblem(422, `index ${index} is not below size ${size}`);
      const hashes = await store.inclusionProof(index, size);
      return { index, size, hashes: hashes.map(toBase64) };
    },
  );

  app.get(
    '/log/proof/consistency',
    {
      schema: {
        tags: ['log'],
        summary: 'Consistency proof between tree sizes `from` and `to` (RFC 6962 §2.1.2)',
        querystring: z.object({ from: Count, to: Count }),
        response: {
          200: z.object({ from: z.number().int(), to: z.number().int(), hashes: Hashes }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const { from, to } = request.query;
      const current = await treeSize();
      if (to > current) throw new HttpProblem(422, `to ${to} is beyond the tree (size ${current})`);
      if (from < 1 || from > to) throw new HttpProblem(422, `from must be between 1 and to (${to})`);
      const hashes = await store.consistencyProof(from, to);
      return { from, to, hashes: hashes.map(toBase64) };
    },
  );

  app.get(
    '/log/entries',
    {
      schema: {
        tags: ['log'],
        summary: `Entries [start, end) as JSON Lines of {"entry":…}, without payloads; at most ${MAX_ENTRIES_PER_PAGE} (national monitor, procurator)`,
        description:
          'Each line is `{"entry":<RFC 8785 envelope>}`: the leaf input of the Merkle tree. Fewer lines than asked ' +
          'mean the page limit or the end of the log was reached; continue from the next `start`. Envelopes ' +
          'name streams, event types and actors, so only the national oversight bodies read them here; ' +
          'everyone else checks the log with the checkpoint and the proofs.',
        security: AUTHENTICATED,
        produces: ['application/x-ndjson'],
        querystring: z.object({ start: Count, end: Count.optional() }),
        response: { 200: z.string(), ...problemResponses },
      },
    },
    async (request, reply) => {
      // The whole country's log: a national grant (no regions) only.
      requireAccess(request.principal, 'log.entries', { regions: [] });
      const { start } = request.query;
      const current = await treeSize();
      if (start > current) throw new HttpProblem(422, `start ${start} is beyond the tree (size ${current})`);
      const requestedEnd = request.query.end ?? current;
      if (requestedEnd < start) throw new HttpProblem(422, `end ${requestedEnd} is before start ${start}`);
      const end = Math.min(requestedEnd, current, start + MAX_ENTRIES_PER_PAGE);
      const entries = start === end ? [] : await store.entries(start, end);
      const body = entries.map((entry) => `{"entry":${entryJson(entry)}}\n`).join('');
      return reply.type('application/x-ndjson; charset=utf-8').send(body);
    },
  );
};
