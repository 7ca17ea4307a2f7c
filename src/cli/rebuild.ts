import { progress, withStore } from './common.js';

export async function runRebuild(opts: { data: string }): Promise<void> {
  const bar = progress('rebuild');
  const { events } = await withStore(opts.data, (store) =>
    store.rebuild((done, total) => bar.update(done, total)),
  );
  bar.stop();
  console.log(`Rebuilt the read models from ${events} log entries.`);
}
