/**
 * `habeas export`: the bundle of DESIGN.md "Bundle" — a header with the origin and verifier key,
 * every entry up to the published checkpoint (freshly signed, and cosigned by the witness quorum
 * when witnesses are configured; with payloads and salts, or marked erased, when asked — but never
 * the clinical content of medical records unless asked for it too), then that
 * checkpoint with its cosignatures. Written in pages, so the log never has to
 * fit in memory; entries below a checkpoint never change, so appends meanwhile do not disturb it.
 */
import { recordIdOfStream } from '../domain/medical/events.js';
import { parseCheckpoint } from '../ledger/checkpoint.js';
import { checkpointLine, entryLine, headerLine } from '../ledger/bundle.js';
import { parseNote } from '../ledger/note.js';
import type { Progress, Store } from './types.js';

const PAGE = 2000;

export interface ExportOptions {
  payloads: boolean;
  /**
   * With `payloads`: also the payloads of people's medical records (streams `medical/…`), which
   * hold clinical content (kz.medical.system). Without it their entries go alone, as in a bundle
   * without payloads — the bundle still verifies, and a signed report still shows its entry
   * (`habeas medical verify --bundle`). For the health authority's own forensic reviewer only.
   */
  medicalPayloads?: boolean;
  onProgress?: Progress;
  /** How long to wait for the witnesses to cosign the newest checkpoint (default 5 s). */
  witnessWaitMs?: number;
}

export async function exportBundle(
  store: Store,
  write: (line: string) => void | Promise<void>,
  options: ExportOptions,
): Promise<{ size: number }> {
  // Sign first, so the bundle ends in a checkpoint that covers everything appended until now — or,
  // with witnesses, in the newest one their quorum cosigned.
  const published = await store.publishedCheckpoint(options.witnessWaitMs ?? 5000);
  const { size } = parseCheckpoint(parseNote(published.signed).text);
  await write(headerLine(store.origin, store.verifierKey));
  options.onProgress?.(0, size);
  for (let start = 0; start < size; start += PAGE) {
    const end = Math.min(start + PAGE, size);
    if (options.payloads) {
      for (const event of await store.events(start, end)) {
        await write(
          !options.medicalPayloads && recordIdOfStream(event.entry.stream) !== null
            ? entryLine(event.entry)
            : event.erased || event.salt === null
              ? entryLine(event.entry, { erased: true })
              : entryLine(event.entry, { payload: event.payload, salt: event.salt }),
        );
      }
    } else {
      for (const entry of await store.entries(start, end)) await write(entryLine(entry));
    }
    options.onProgress?.(end, size);
  }
  await write(checkpointLine(published.signed, published.cosignatures));
  return { size };
}
