import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ROLES } from '../access/principal.js';
import { parseTrustProxy } from '../http/trust-proxy.js';
import { EXIT_USAGE, UsageError } from './errors.js';
import { addWitnessCommands } from './witness-commands.js';

/**
 * The `habeas` command. Every action imports its module lazily, so `habeas --help` answers without
 * loading the server, the database drivers or the crypto stack (target: under 300 ms, bench/cli).
 */

const collect = (value: string, previous: string[]): string[] => [...previous, value];

const port = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port is 0–65535');
  return n;
};

/** `--trust-proxy`: checked here, so a typo is bad usage (exit 2) and never trusts every hop. */
const trustProxyList = (value: string): string[] => {
  try {
    return parseTrustProxy(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
};

const dataOption = () =>
  new Option('--data <dir>', 'data directory (store, signing key, blobs)')
    .env('HABEAS_DATA')
    .makeOptionMandatory();

export function buildProgram(): Command {
  const program = new Command('habeas')
    .description(
      'Habeas: a tamper-evident register of people deprived of liberty and the safeguards owed to them.\n' +
        'Set DATABASE_URL=postgres://… to use PostgreSQL instead of the embedded SQLite store.',
    )
    .version(process.env.npm_package_version ?? '0.1.0')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('init')
    .description('create the store and the log signing key; writes DIR/log.vkey (the C2SP verifier key)')
    .addOption(dataOption())
    .option('--origin <name>', 'the log origin line of its checkpoints, e.g. habeas.example.kz/log')
    .action(async (opts: { data: string; origin?: string }) => {
      const { runInit } = await import('./init.js');
      await runInit(opts);
    });

  program
    .command('serve')
    .description('serve the API and the pages (DATABASE_URL=postgres://… selects PostgreSQL)')
    .addOption(dataOption())
    .addOption(new Option('--port <port>', 'TCP port').default(8080).argParser(port).env('PORT'))
    .addOption(new Option('--host <host>', 'address to listen on').default('127.0.0.1').env('HOST'))
    .option('--secure-cookies', 'mark session cookies Secure (behind HTTPS)', false)
    .addOption(
      new Option(
        '--trust-proxy <list>',
        'reverse proxies whose X-Forwarded-For is believed: addresses or CIDR ranges, comma-separated',
      )
        .env('HABEAS_TRUST_PROXY')
        .argParser(trustProxyList),
    )
    .action(
      async (opts: {
        data: string;
        port: number;
        host: string;
        secureCookies: boolean;
        trustProxy?: string[];
      }) => {
        const { runServe } = await import('./serve.js');
        await runServe(opts);
      },
    );

  program
    .command('demo')
    .description('serve a store filled with demonstration data; prints the URL and the demo accounts')
    .option(
      '--data <dir>',
      "data directory: new, empty or an earlier demonstration's, never a real register (default: a new temporary directory)",
    )
    .addOption(new Option('--port <port>', 'TCP port').default(8080).argParser(port).env('PORT'))
    .addOption(new Option('--host <host>', 'address to listen on').default('127.0.0.1').env('HOST'))
    .option('--log', 'log every request as JSON (quiet by default, so the logins stay on screen)', false)
    .action(async (opts: { data?: string; port: number; host: string; log: boolean }) => {
      const { runDemo } = await import('./demo.js');
      await runDemo(opts);
    });

  const token = program.command('token').description('service-account bearer tokens');
  token
    .command('create')
    .description('create a service account and print its bearer token (and nothing else)')
    .addOption(dataOption())
    .addOption(new Option('--role <role>', 'role').choices(ROLES).makeOptionMandatory())
    .option('--facility <id>', 'facility scope (repeatable)', collect, [])
    .option('--region <code>', 'region scope, an ISO 3166-2:KZ code such as KZ-75 (repeatable)', collect, [])
    .addOption(new Option('--sex <sex>', "the official's sex").choices(['female', 'male']))
    .option('--name <name>', 'display name of the account')
    .action(async (opts) => {
      const { runTokenCreate } = await import('./accounts.js');
      await runTokenCreate(opts);
    });

  token
    .command('list')
    .description('list the service accounts (kiosks, integrations): id, role, scope and state, never a token')
    .addOption(dataOption())
    .option('--json', 'print JSON instead of a table', false)
    .action(async (opts: { data: string; json: boolean }) => {
      const { runTokenList } = await import('./accounts.js');
      await runTokenList(opts);
    });
  token
    .command('revoke')
    .description(
      "revoke a service account's token (a kiosk or an integration): it stops working at once;\n" +
        'the revocation, who made it and why are recorded in the log',
    )
    .addOption(dataOption())
    .requiredOption('--id <id>', 'the service account, as `habeas token list` shows it')
    .requiredOption('--reason <text>', 'why, recorded in the log (e.g. "terminal replaced")')
    .action(async (opts: { data: string; id: string; reason: string }) => {
      const { runTokenRevoke } = await import('./accounts.js');
      await runTokenRevoke(opts);
    });

  const user = program.command('user').description('accounts of people who log in to the pages');
  user
    .command('create')
    .description('create a user; the password is read from standard input, or prompted for on a terminal')
    .addOption(dataOption())
    .requiredOption('--username <name>', 'login name')
    .addOption(new Option('--role <role>', 'role').choices(ROLES).makeOptionMandatory())
    .option('--facility <id>', 'facility scope (repeatable)', collect, [])
    .option('--region <code>', 'region scope, an ISO 3166-2:KZ code such as KZ-75 (repeatable)', collect, [])
    .addOption(new Option('--sex <sex>', "the official's sex").choices(['female', 'male']))
    .option('--name <name>', 'full name')
    .option(
      '--signing-key',
      "role medical: then create the clinician's signing key; the clinician types its passphrase (prompted\n" +
        'for on a terminal; piped, the second line of standard input after the password)',
      false,
    )
    .action(async (opts) => {
      const { runUserCreate } = await import('./accounts.js');
      await runUserCreate(opts);
    });

  user
    .command('list')
    .description("list people's accounts: login name, role, scope and state")
    .addOption(dataOption())
    .option('--json', 'print JSON instead of a table', false)
    .action(async (opts: { data: string; json: boolean }) => {
      const { runUserList } = await import('./accounts.js');
      await runUserList(opts);
    });
  user
    .command('disable')
    .description("disable a person's account and end their sessions; recorded in the log with the reason")
    .addOption(dataOption())
    .requiredOption('--username <name>', 'login name')
    .requiredOption('--reason <text>', 'why, recorded in the log (e.g. "left the service")')
    .action(async (opts: { data: string; username: string; reason: string }) => {
      const { runUserDisable } = await import('./accounts.js');
      await runUserDisable(opts);
    });
  user
    .command('enable')
    .description("enable a disabled person's account again; recorded in the log with the reason")
    .addOption(dataOption())
    .requiredOption('--username <name>', 'login name')
    .requiredOption('--reason <text>', 'why, recorded in the log')
    .action(async (opts: { data: string; username: string; reason: string }) => {
      const { runUserEnable } = await import('./accounts.js');
      await runUserEnable(opts);
    });
  user
    .command('reset-password')
    .description(
      'set a new password for a person (read from standard input, or prompted for twice on a terminal);\n' +
        'their sessions end; the reset and the reason are recorded in the log, the password is not',
    )
    .addOption(dataOption())
    .requiredOption('--username <name>', 'login name')
    .requiredOption('--reason <text>', 'why, recorded in the log (e.g. "password forgotten")')
    .action(async (opts: { data: string; username: string; reason: string }) => {
      const { runUserResetPassword } = await import('./accounts.js');
      await runUserResetPassword(opts);
    });

  program
    .command('export')
    .description('write the log as a bundle (JSON Lines) for offline verification')
    .addOption(dataOption())
    .requiredOption('--out <file>', 'bundle file to write')
    .option('--payloads', 'include payloads and their salts, so digests can be checked', false)
    .option(
      '--medical-payloads',
      "with --payloads: the medical records' payloads too, which hold clinical content (left out otherwise:\n" +
        "kz.medical.system); for the health authority's own forensic reviewer, never an oversight body",
      false,
    )
    .option(
      '--checkpoints <file>',
      'also write the signed checkpoints the store kept (up to 4,096, spread over the log), with which verify narrows a mismatch',
    )
    .action(
      async (opts: {
        data: string;
        out: string;
        payloads: boolean;
        medicalPayloads: boolean;
        checkpoints?: string;
      }) => {
        const { runExport } = await import('./export.js');
        await runExport(opts);
      },
    );

  program
    .command('verify')
    .description(
      'verify a bundle offline (no server, no database), or with --data the live store against its signed checkpoints.\n' +
        'Exit 0 when everything holds, 1 when anything fails (naming the first bad seq), 2 on bad usage.',
    )
    .argument('[file]', 'bundle written by habeas export')
    .option(
      '--key <vkey>',
      'trusted verifier key: a log.vkey file or the key itself (default: the bundle header)',
    )
    .addOption(new Option('--data <dir>', 'verify the live store of this data directory').env('HABEAS_DATA'))
    .option(
      '--witness <vkey>',
      "a witness's verifier key (a witness.vkey file or the key itself) whose cosignature counts; repeatable",
      collect,
      [],
    )
    .option(
      '--checkpoints <file>',
      'earlier signed checkpoints (habeas export --checkpoints): a mismatch is narrowed to the entries between the last that holds and the first that does not',
    )
    .addOption(
      new Option(
        '--quorum <n>',
        'how many of the --witness keys must have cosigned (default: all)',
      ).argParser((value) => {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('a whole number, 0 or more');
        return n;
      }),
    )
    .action(
      async (
        file: string | undefined,
        opts: { key?: string; data?: string; witness: string[]; quorum?: number; checkpoints?: string },
      ) => {
        if ((file === undefined) === (opts.data === undefined)) {
          throw new UsageError('give either a bundle FILE or --data DIR');
        }
        const { runVerify } = await import('./verify.js');
        process.exitCode = await runVerify(file, opts);
      },
    );

  const medical = program.command('medical').description('signed medical reports (docs/verifying.md)');
  medical
    .command('verify')
    .description(
      "verify a signed medical report offline against the clinician's public key and the log: REPORT.json\n" +
        'is one version — the habeas-medical-report/1 envelope, or the habeas-medical-report-export/1 of\n' +
        'GET /api/v1/medical/people/{personId}/reports/{reportId}/signed — or an array of the versions of\n' +
        'one report, oldest first. With --bundle, the bundle is verified as habeas verify does and each\n' +
        "version's entry must be in it, signed by the key the log registered for the clinician.\n" +
        'Exit 0 when it holds, 1 when it does not (naming what failed), 2 on bad usage.',
    )
    .argument('<report>', 'the signed report (JSON)')
    .addOption(
      new Option(
        '--key <pubkey>',
        "the clinician's public key: 32 bytes in standard base64, or a file holding it; repeatable (any of them);\n" +
          'needed without --bundle (with it, the key the log registered for the clinician is trusted)',
      )
        .argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value])
        .default([]),
    )
    .option('--bundle <file>', "a bundle of habeas export that must hold the report's entry")
    .option(
      '--log-key <vkey>',
      "with --bundle: the log's verifier key you trust, a log.vkey file or the key itself (default: the bundle header)",
    )
    .option(
      '--witness <vkey>',
      "with --bundle: a witness's verifier key whose cosignature counts; repeatable",
      collect,
      [],
    )
    .addOption(
      new Option(
        '--quorum <n>',
        'with --bundle: how many of the --witness keys must have cosigned',
      ).argParser((value) => {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('a whole number, 0 or more');
        return n;
      }),
    )
    .action(
      async (
        file: string,
        opts: { key: string[]; bundle?: string; logKey?: string; witness: string[]; quorum?: number },
      ) => {
        const { runMedicalVerify } = await import('./medical.js');
        process.exitCode = await runMedicalVerify(file, opts);
      },
    );
  medical
    .command('key')
    .description(
      "create a clinician's signing key at this terminal (what the clinician does with POST /api/v1/medical/key):\n" +
        'the clinician, not the administrator, types the passphrase — prompted for twice on a terminal, or one\n' +
        'line on standard input; its public half is registered in the log. One key per clinician.',
    )
    .addOption(dataOption())
    .requiredOption('--user <username>', "the clinician's login name (an account of role medical)")
    .action(async (opts: { data: string; user: string }) => {
      const { runMedicalKey } = await import('./medical-key.js');
      await runMedicalKey(opts);
    });

  const caseFiles = program.command('case').description('criminal case files (docs/verifying.md)');
  caseFiles
    .command('verify-document')
    .description(
      'whether a document of a case file (a decision, a report, a video) is the one the log recorded:\n' +
        "FILE's SHA-256 is looked for among the case files' documents in a bundle of habeas export\n" +
        '--payloads, verified as habeas verify does; prints the case, the kind, title and date of the\n' +
        'document and its entry. Exit 0 when it is recorded, 1 when it is not or the bundle does not\n' +
        'verify, 2 on bad usage.',
    )
    .argument('<file>', 'the document as kept in the case file')
    .requiredOption('--bundle <file>', 'a bundle of habeas export --payloads')
    .option('--case <number>', 'only in this case: its number (or its id)')
    .option(
      '--log-key <vkey>',
      "the log's verifier key you trust, a log.vkey file or the key itself (default: the bundle header)",
    )
    .option('--witness <vkey>', "a witness's verifier key whose cosignature counts; repeatable", collect, [])
    .addOption(
      new Option('--quorum <n>', 'how many of the --witness keys must have cosigned').argParser((value) => {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('a whole number, 0 or more');
        return n;
      }),
    )
    .action(
      async (
        file: string,
        opts: { bundle: string; case?: string; logKey?: string; witness: string[]; quorum?: number },
      ) => {
        const { runCaseVerifyDocument } = await import('./case-documents.js');
        process.exitCode = await runCaseVerifyDocument(file, opts);
      },
    );

  program
    .command('rebuild')
    .description('rebuild every read model (projection) from the log')
    .addOption(dataOption())
    .action(async (opts: { data: string }) => {
      const { runRebuild } = await import('./rebuild.js');
      await runRebuild(opts);
    });

  const sealing = program
    .command('sealing')
    .description(
      "the sealing keys: the complaints authority's (every complaint is sealed to it) and, with\n" +
        "--for procurator, the procurator's office's own (torture allegations are sealed to it too)",
    );
  // Whose key: each institution has its own key pair, file and passphrase (issue 18 item 5).
  const recipientOption = () =>
    new Option('--for <institution>', 'whose key: the complaints authority, or the procurator’s office')
      .choices(['complaints-authority', 'procurator'])
      .default('complaints-authority');
  type SealingOptions = { data: string; for: 'complaints-authority' | 'procurator' };
  sealing
    .command('init')
    .description(
      'create the key pair in DIR/sealing.json (--for procurator: DIR/procurator-sealing.json), the\n' +
        'private key wrapped under a passphrase (read from standard input, or prompted for twice on a\n' +
        'terminal); prints the public key',
    )
    .addOption(dataOption())
    .addOption(recipientOption())
    .action(async (opts: SealingOptions) => {
      const { runSealingInit } = await import('./sealing.js');
      await runSealingInit(opts);
    });
  sealing
    .command('rekey')
    .description(
      'change the passphrase of the sealing key (the key pair stays the same); the current and the\n' +
        'new passphrase are two lines on standard input, or prompted for on a terminal',
    )
    .addOption(dataOption())
    .addOption(recipientOption())
    .action(async (opts: SealingOptions) => {
      const { runSealingRekey } = await import('./sealing.js');
      await runSealingRekey(opts);
    });
  sealing
    .command('key')
    .description(
      'print the public key as GET /api/v1/sealing/key (--for procurator: /sealing/procurator-key)\n' +
        'answers it: {suite, info, publicKey}',
    )
    .addOption(dataOption())
    .addOption(recipientOption())
    .action(async (opts: SealingOptions) => {
      const { runSealingKey } = await import('./sealing.js');
      await runSealingKey(opts);
    });

  addWitnessCommands(program);

  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; every other commander error is bad usage.
      process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
      return;
    }
    if (error instanceof UsageError) {
      console.error(`habeas: ${error.message}`);
      process.exitCode = EXIT_USAGE;
      return;
    }
    console.error(`habeas: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
