/**
 * `habeas witness serve`: a C2SP tlog-witness (https://c2sp.org/tlog-witness) in a process and a
 * directory of its own, run by a body independent of the log's operator (the ombudsman, the
 * national preventive mechanism). It answers `POST /add-checkpoint` with a cosignature only for a
 * checkpoint that extends the last one it cosigned for that log (src/ledger/witness.ts), writes
 * its new state to disk before answering, and keeps every log-signed checkpoint it refused because
 * it contradicts what it cosigned (a rewritten history, a rollback, a split view) as evidence.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { cosign } from '../ledger/cosignature.js';
import { judgeAddCheckpoint, TLOG_SIZE_TYPE } from '../ledger/witness.js';
import {
  followedLogs,
  keepEvidence,
  lockWitnessDir,
  readWitnessConfig,
  readWitnessKeys,
  readWitnessState,
  saveCosigned,
  treeOf,
} from './directory.js';

export interface WitnessServerOptions {
  dir: string;
  /** Seconds since the epoch for the cosignature's timestamp; the system clock by default. */
  clock?: () => Date;
  /** Where refusals are reported (never request bodies); silent by default. */
  log?: (line: string) => void;
}

/** A request body larger than this is not an add-checkpoint request (63 proof lines and a note). */
const BODY_LIMIT = 64 * 1024;

export async function buildWitnessApp(options: WitnessServerOptions): Promise<FastifyInstance> {
  const { dir } = options;
  const clock = options.clock ?? (() => new Date());
  const log = options.log ?? (() => undefined);
  const config = await readWitnessConfig(dir);
  const { signerKey, verifierKey } = await readWitnessKeys(dir);
  const state = await readWitnessState(dir);
  const logs = followedLogs(config);
  const release = await lockWitnessDir(dir);

  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT });
  app.addHook('onClose', async () => release());
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  // One request at a time: the check of the old size and the write of the new state are atomic.
  let queue: Promise<unknown> = Promise.resolve();
  const serialised = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  app.post('/add-checkpoint', (request, reply) =>
    serialised(async () => {
      const body = typeof request.body === 'string' ? request.body : '';
      const verdict = judgeAddCheckpoint(body, logs, (origin) => treeOf(state, origin));
      const now = clock();
      if (verdict.status === 200) {
        const line = cosign(verdict.body, signerKey, Math.floor(now.getTime() / 1000));
        if (verdict.tree.size !== treeOf(state, verdict.origin)?.size || !state.logs[verdict.origin])
          await saveCosigned(
            dir,
            state,
            verdict.origin,
            verdict.tree,
            body.slice(body.indexOf('\n\n') + 2),
            now,
          );
        return reply.code(200).type('text/plain; charset=utf-8').send(`${line}\n`);
      }
      if (verdict.evidence && verdict.origin !== undefined) {
        const file = await keepEvidence(dir, verdict.origin, body, verdict.message, now);
        log(
          `refused a checkpoint of ${verdict.origin} (${verdict.status}): ${verdict.message}; kept as evidence/${file}`,
        );
      }
      if (verdict.status === 409) return reply.code(409).type(TLOG_SIZE_TYPE).send(`${verdict.size}\n`);
      return reply.code(verdict.status).type('text/plain; charset=utf-8').send(`${verdict.message}\n`);
    }),
  );

  // What the witness is and where it stands, for the log's operator and for auditors.
  app.get('/', async (_request, reply) =>
    reply
      .type('text/plain; charset=utf-8')
      .send(
        [
          `witness ${config.name}`,
          `key ${verifierKey}`,
          ...logs.map((l) => `log ${l.origin} ${state.logs[l.origin]?.size ?? 0}`),
          '',
        ].join('\n'),
      ),
  );
  app.get('/healthz', async () => ({ status: 'ok' }));
  return app;
}
