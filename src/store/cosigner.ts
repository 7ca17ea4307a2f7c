/**
 * The log's side of C2SP tlog-witness: after each checkpoint is signed, ask every configured
 * witness to cosign it (`add-checkpoint`, with a consistency proof from the size that witness last
 * cosigned), keep the cosignatures that verify, and raise the alarm when a witness refuses because
 * the log does not extend what it cosigned — a rewritten or rolled-back log that this server was
 * about to publish (issue 17). Witnesses that cannot be reached are retried with the next checkpoint.
 */
import type { Kysely } from 'kysely';
import { parseCheckpoint } from '../ledger/checkpoint.js';
import { CosignatureError, SIGNATURE_TYPE_COSIGNATURE_V1, verifyCosignature } from '../ledger/cosignature.js';
import { decodeVerifierKey, parseNote, parseSignatureLine } from '../ledger/note.js';
import { formatAddCheckpoint, TLOG_SIZE_TYPE } from '../ledger/witness.js';
import type { Database } from './database.js';
import type { IntegrityProblem } from './head-check.js';
import type { StoreLogger } from './sequencer.js';

/** A witness the log asks to cosign: where it listens and its cosignature/v1 verifier key. */
export interface WitnessEndpoint {
  /** The submission prefix: `POST <url>/add-checkpoint`. */
  url: string;
  /** Its verifier key (`name+keyid+base64`, signature type 0x04). */
  key: string;
}

/** Where one witness stands, as this process last saw it (for /readyz and the monitor's page). */
export interface WitnessStatus {
  name: string;
  url: string;
  /** The largest tree it cosigned for this log, as far as this process knows. */
  cosignedSize: number;
  /** ok: cosigning; unreachable: the last attempt failed (network, an error answer); refused: the witness refused this log's history. */
  state: 'ok' | 'unreachable' | 'refused';
  /** The last failure, in English for the operator, if the last attempt failed. */
  problem?: string;
  lastAttemptAt?: string;
}

export interface CosignerOptions {
  db: Kysely<Database>;
  witnesses: readonly WitnessEndpoint[];
  logger: StoreLogger;
  clock: () => Date;
  consistencyProof: (from: number, to: number) => Promise<Uint8Array[]>;
  /** The log's committed size now (to tell a witness ahead of a rollback from one ahead of a stale request). */
  size: () => Promise<number>;
  /** A witness refused for a reason only a rewritten or rolled-back log explains. */
  onIntegrityFailure: (problem: IntegrityProblem) => void;
  /** Milliseconds a witness may take to answer. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

interface Witness extends WitnessEndpoint {
  name: string;
  keyId: string;
  status: WitnessStatus;
  /** Submissions to one witness go one after the other, in the order of their sizes. */
  chain: Promise<void>;
  known: number | undefined;
}

export class Cosigner {
  private readonly witnesses: Witness[];
  /** The submission of a checkpoint to every witness, by tree size, while it runs. */
  private readonly inFlight = new Map<number, Promise<void>>();

  constructor(private readonly options: CosignerOptions) {
    this.witnesses = options.witnesses.map((endpoint) => {
      const key = decodeVerifierKey(endpoint.key, [SIGNATURE_TYPE_COSIGNATURE_V1]);
      return {
        ...endpoint,
        url: endpoint.url.replace(/\/+$/, ''),
        name: key.name,
        keyId: key.keyId,
        status: { name: key.name, url: endpoint.url, cosignedSize: 0, state: 'ok' as const },
        chain: Promise.resolve(),
        known: undefined,
      };
    });
  }

  get configured(): boolean {
    return this.witnesses.length > 0;
  }

  /** The configured witnesses' key names and IDs. */
  keys(): { name: string; keyId: string }[] {
    return this.witnesses.map((w) => ({ name: w.name, keyId: w.keyId }));
  }

  statuses(): WitnessStatus[] {
    return this.witnesses.map((w) => ({ ...w.status }));
  }

  /** Asks every witness to cosign `note`; resolves when each has answered, failed or timed out. */
  submit(note: string): Promise<void> {
    if (this.witnesses.length === 0) return Promise.resolve();
    const { size } = parseCheckpoint(parseNote(note).text);
    const running = this.inFlight.get(size);
    if (running) return running;
    const all = Promise.all(
      this.witnesses.map((witness) => {
        witness.chain = witness.chain.then(() =>
          this.submitTo(witness, note, size).catch((error: unknown) => {
            witness.status = { ...witness.status, state: 'unreachable', problem: (error as Error).message };
            this.options.logger.warn(
              { witness: witness.name, error: (error as Error).message },
              'a witness could not cosign the checkpoint',
            );
          }),
        );
        return witness.chain;
      }),
    ).then(() => undefined);
    this.inFlight.set(size, all);
    void all.finally(() => this.inFlight.delete(size));
    return all;
  }

  /** Waits (at most `timeoutMs`) for the submission of the checkpoint of `size`, if one runs. */
  async settle(size: number, timeoutMs: number): Promise<void> {
    const running = this.inFlight.get(size);
    if (!running) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([running, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
  }

  private async submitTo(witness: Witness, note: string, size: number): Promise<void> {
    witness.known ??= await this.cosignedSize(witness);
    if (witness.known >= size) return;
    const body = parseNote(note).text;
    let old = witness.known;
    // A 409 names the witness's size; one retry from it is enough unless it moves meanwhile.
    for (let attempt = 0; attempt < 3; attempt++) {
      const proof = old > 0 ? await this.options.consistencyProof(old, size) : [];
      const started = this.options.clock();
      const response = await (this.options.fetch ?? fetch)(`${witness.url}/add-checkpoint`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: formatAddCheckpoint({ oldSize: old, proof, note }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      });
      const text = await response.text();
      witness.status = { ...witness.status, lastAttemptAt: started.toISOString() };
      if (response.status === 200) {
        await this.keep(witness, size, body, text);
        witness.known = size;
        witness.status = {
          name: witness.name,
          url: witness.url,
          cosignedSize: size,
          state: 'ok',
          lastAttemptAt: started.toISOString(),
        };
        return;
      }
      if (
        response.status === 409 &&
        (response.headers.get('content-type') ?? '').startsWith(TLOG_SIZE_TYPE)
      ) {
        const theirs = Number(text.trim());
        if (!Number.isSafeInteger(theirs) || theirs < 0)
          throw new Error(`witness ${witness.name} answered 409 without a size`);
        if (theirs === old) {
          // The same size, another root: the witness cosigned another history of this size.
          this.refused(witness, {
            kind: 'witness-refused',
            witness: witness.name,
            size,
            signed: old,
            message: `witness ${witness.name} cosigned a different tree of ${old} entries than this log has: the log was rewritten or forked`,
          });
          return;
        }
        if (theirs > size) {
          const current = await this.options.size();
          witness.known = theirs;
          if (theirs > current)
            this.refused(witness, {
              kind: 'witness-rollback',
              witness: witness.name,
              size: current,
              signed: theirs,
              message: `witness ${witness.name} cosigned a tree of ${theirs} entries of this log, which now has ${current}: entries were removed or an older copy of the database was restored (rollback)`,
            });
          return; // else a later checkpoint was cosigned meanwhile
        }
        old = theirs;
        continue;
      }
      if (response.status === 422) {
        this.refused(witness, {
          kind: 'witness-refused',
          witness: witness.name,
          size,
          signed: old,
          message: `witness ${witness.name} refused the checkpoint of ${size} entries because it does not extend the tree of ${old} entries it cosigned: the log was rewritten (${text.trim().slice(0, 200)})`,
        });
        return;
      }
      throw new Error(`witness ${witness.name} answered ${response.status}: ${text.trim().slice(0, 200)}`);
    }
    throw new Error(`witness ${witness.name} kept moving its size; will retry with the next checkpoint`);
  }

  private refused(witness: Witness, problem: IntegrityProblem): void {
    witness.status = { ...witness.status, state: 'refused', problem: problem.message };
    this.options.logger.error({ witness: witness.name }, problem.message);
    this.options.onIntegrityFailure(problem);
  }

  /** Keeps the lines of the answer that are this witness's valid cosignatures of `body`. */
  private async keep(witness: Witness, size: number, body: string, answer: string): Promise<void> {
    const rows = [];
    for (const raw of answer.split('\n')) {
      if (raw.trim() === '') continue;
      let line: ReturnType<typeof parseSignatureLine>;
      try {
        line = parseSignatureLine(raw);
      } catch {
        continue; // tlog-witness: ignore what is not a signature line of a known key
      }
      if (line.name !== witness.name || line.keyId !== witness.keyId) continue;
      try {
        const { timestamp } = verifyCosignature(body, line.line, witness.key);
        rows.push({
          size,
          witness: witness.name,
          key_id: witness.keyId,
          line: line.line,
          timestamp,
          received_at: this.options.clock().toISOString(),
        });
      } catch (error) {
        if (!(error instanceof CosignatureError)) throw error;
        throw new Error(`witness ${witness.name} answered with a cosignature that does not verify`);
      }
    }
    if (rows.length === 0) throw new Error(`witness ${witness.name} answered 200 without its cosignature`);
    await this.options.db
      .insertInto('cosignatures')
      .values(rows.slice(0, 1))
      .onConflict((oc) => oc.columns(['size', 'witness', 'key_id']).doNothing())
      .execute();
  }

  private async cosignedSize(witness: Witness): Promise<number> {
    const row = await this.options.db
      .selectFrom('cosignatures')
      .select((eb) => eb.fn.max('size').as('size'))
      .where('witness', '=', witness.name)
      .where('key_id', '=', witness.keyId)
      .executeTakeFirst();
    return row?.size == null ? 0 : Number(row.size);
  }
}

/** The note with the cosignature lines added to its signatures (a C2SP cosigned checkpoint). */
export function withCosignatures(note: string, lines: readonly string[]): string {
  const present = new Set(parseNote(note).lines.map((l) => l.line));
  const added = lines.filter((line) => !present.has(line));
  return added.length === 0 ? note : `${note}${added.map((line) => `${line}\n`).join('')}`;
}
