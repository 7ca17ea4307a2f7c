import { describeDifferences } from '../store/read-model-check.js';
import { progress, withStore } from './common.js';
import { UsageError } from './errors.js';
import { verifyBundleFile, witnessesOf } from './verify-bundle.js';

/** Returns the exit code: 0 all holds, 1 something failed. */
export async function runVerify(
  file: string | undefined,
  opts: { key?: string; data?: string; witness?: string[]; quorum?: number; checkpoints?: string },
): Promise<number> {
  if (opts.data !== undefined) return verifyLive(opts.data, witnessesOf(opts));
  if (file === undefined) throw new UsageError('give a bundle FILE');
  return verifyBundleFile(file, opts);
}

async function verifyLive(dataDir: string, witnesses: { keys: string[]; quorum: number }): Promise<number> {
  // Opened to inspect: verifying never signs (signing first would bless whatever the database holds).
  return withStore(
    dataDir,
    async (store) => {
      const bar = progress('verify');
      const report = await store.verify((done, total) => bar.update(done, total), witnesses);
      bar.stop();
      if (!report.ok) {
        console.error(`FAILED: ${report.seq !== undefined ? `seq ${report.seq}: ` : ''}${report.problem}`);
        return 1;
      }
      console.log(
        `OK: ${report.size} entries; ${report.checkpoints} signed checkpoints match; ${report.digestsChecked} payload digests checked.` +
          (report.witnessed
            ? ` Cosigned by ${report.witnessed.cosignatures} of the given witnesses up to ${report.witnessed.size} entries.`
            : ''),
      );
      // The read models every page reads: replayed from the log into a scratch copy and compared.
      const replay = progress('read models');
      const models = await store.checkReadModels((done, total) => replay.update(done, total));
      replay.stop();
      if (!models.ok) {
        for (const line of describeDifferences(models)) console.error(`FAILED: ${line}`);
        console.error(
          'The log itself verifies: run habeas rebuild to make the read models what it says, and find out who changed them.',
        );
        return 1;
      }
      console.log(`OK: the ${models.tables} read model tables are what the log says.`);
      return 0;
    },
    { signing: false },
  );
}
