import { InvalidArgumentError, Option, type Command } from 'commander';

/**
 * `habeas witness …` — the witness's side (its own directory and process, C2SP tlog-witness) — and
 * `habeas witnesses …` — the log's side: which witnesses a server asks, and how many must cosign.
 */

const port = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port is 0–65535');
  return n;
};

const count = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('a whole number, 0 or more');
  return n;
};

const witnessDir = () =>
  new Option(
    '--data <dir>',
    "the witness's own directory (never a log's data directory)",
  ).makeOptionMandatory();
const logDir = () =>
  new Option('--data <dir>', "the log's data directory").env('HABEAS_DATA').makeOptionMandatory();

export function addWitnessCommands(program: Command): void {
  const witness = program
    .command('witness')
    .description(
      "run a witness (C2SP tlog-witness) from a directory of its own: it cosigns a log's checkpoints only\n" +
        'if each extends the last one it cosigned, so a rewritten or rolled-back log is caught',
    );
  witness
    .command('init')
    .description("create a witness directory and its key; prints the witness's verifier key")
    .addOption(witnessDir())
    .requiredOption(
      '--name <name>',
      'the witness key name, by convention a URL without scheme (e.g. ombudsman.kz/witness)',
    )
    .action(async (opts: { data: string; name: string }) => {
      const { runWitnessInit } = await import('./witness.js');
      await runWitnessInit(opts);
    });
  witness
    .command('trust')
    .description('follow a log: cosign checkpoints signed with its verifier key (its DIR/log.vkey)')
    .addOption(witnessDir())
    .requiredOption('--log-key <vkey>', "the log's verifier key: a log.vkey file or the key itself")
    .option('--origin <origin>', "the log's origin line (default: the key's name)")
    .action(async (opts: { data: string; logKey: string; origin?: string }) => {
      const { runWitnessTrust } = await import('./witness.js');
      await runWitnessTrust(opts);
    });
  witness
    .command('serve')
    .description('answer POST /add-checkpoint (tlog-witness) until SIGINT/SIGTERM')
    .addOption(witnessDir())
    .addOption(new Option('--port <port>', 'TCP port').default(8081).argParser(port))
    .addOption(new Option('--host <host>', 'address to listen on').default('127.0.0.1'))
    .action(async (opts: { data: string; port: number; host: string }) => {
      const { runWitnessServe } = await import('./witness.js');
      await runWitnessServe(opts);
    });

  const witnesses = program
    .command('witnesses')
    .description(
      "the witnesses this log's server asks to cosign each checkpoint, and the quorum it publishes with",
    );
  witnesses
    .command('add')
    .description('ask one more witness to cosign (takes effect when the server restarts)')
    .addOption(logDir())
    .requiredOption(
      '--url <url>',
      "the witness's address (its submission prefix), e.g. https://witness.example/",
    )
    .requiredOption('--key <vkey>', "the witness's verifier key: a witness.vkey file or the key itself")
    .addOption(
      new Option('--quorum <n>', 'how many witnesses must cosign a published checkpoint').argParser(count),
    )
    .action(async (opts: { data: string; url: string; key: string; quorum?: number }) => {
      const { runWitnessesAdd } = await import('./witness.js');
      await runWitnessesAdd(opts);
    });
  witnesses
    .command('remove')
    .description('stop asking a witness (by its key name)')
    .addOption(logDir())
    .requiredOption('--name <name>', "the witness key's name")
    .addOption(new Option('--quorum <n>', 'the quorum from now on').argParser(count))
    .action(async (opts: { data: string; name: string; quorum?: number }) => {
      const { runWitnessesRemove } = await import('./witness.js');
      await runWitnessesRemove(opts);
    });
  witnesses
    .command('list')
    .description('the witnesses configured and the quorum')
    .addOption(logDir())
    .action(async (opts: { data: string }) => {
      const { runWitnessesList } = await import('./witness.js');
      await runWitnessesList(opts);
    });
}
