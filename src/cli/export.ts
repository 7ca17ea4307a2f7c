import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { exportBundle } from '../store/export.js';
import { progress, withStore } from './common.js';
import { UsageError } from './errors.js';

export async function runExport(opts: {
  data: string;
  out: string;
  payloads: boolean;
  medicalPayloads?: boolean;
  checkpoints?: string;
}): Promise<void> {
  if (opts.medicalPayloads && !opts.payloads)
    throw new UsageError(
      '--medical-payloads goes with --payloads: it adds the medical records’ payloads to the others',
    );
  const out = createWriteStream(opts.out, { encoding: 'utf8', mode: 0o600 });
  const bar = progress('export');
  let lines = 0;
  try {
    await withStore(opts.data, async (store) => {
      if (opts.checkpoints !== undefined) {
        // The signed checkpoints the store kept (at most 4,096, spread over the log), one JSON line
        // each: with them, verify narrows a root that does not match down to a range of entries.
        const notes = await store.checkpointHistory();
        await writeFile(
          opts.checkpoints,
          notes.map((note) => `${JSON.stringify({ checkpoint: note })}\n`).join(''),
          { encoding: 'utf8', mode: 0o644 },
        );
      }
      return exportBundle(
        store,
        async (line) => {
          lines++;
          if (!out.write(line + '\n')) await once(out, 'drain');
        },
        {
          payloads: opts.payloads,
          medicalPayloads: opts.medicalPayloads ?? false,
          onProgress: (done, total) => bar.update(done, total),
        },
      );
    });
  } finally {
    bar.stop();
    out.end();
    await once(out, 'close');
  }
  const payloads = !opts.payloads
    ? ''
    : opts.medicalPayloads
      ? ' with payloads, medical records’ clinical content included'
      : ' with payloads (medical records’ entries without theirs: --medical-payloads adds them)';
  console.log(`Wrote ${opts.out}: ${Math.max(lines - 2, 0)} entries${payloads}.`);
}
