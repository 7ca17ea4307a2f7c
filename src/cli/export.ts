import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { exportBundle } from '../store/export.js';
import { progress, withStore } from './common.js';

export async function runExport(opts: { data: string; out: string; payloads: boolean }): Promise<void> {
  const out = createWriteStream(opts.out, { encoding: 'utf8', mode: 0o600 });
  const bar = progress('export');
  let lines = 0;
  try {
    await withStore(opts.data, (store) =>
      exportBundle(
        store,
        async (line) => {
          lines++;
          if (!out.write(line + '\n')) await once(out, 'drain');
        },
        { payloads: opts.payloads, onProgress: (done, total) => bar.update(done, total) },
      ),
    );
  } finally {
    bar.stop();
    out.end();
    await once(out, 'close');
  }
  console.log(
    `Wrote ${opts.out}: ${Math.max(lines - 2, 0)} entries${opts.payloads ? ' with payloads' : ''}.`,
  );
}
