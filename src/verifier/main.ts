/**
 * The stand-alone verifier: `node habeas-verify.mjs FILE [--key log.vkey] [--witness KEY]…
 * [--quorum N] [--checkpoints FILE]`. Built into one file with no dependencies
 * (scripts/build-verifier.mjs), so an auditor runs it without installing anything — and without
 * asking a package registry for a package that could be someone else's (issue 18 item 8). It does
 * exactly what `habeas verify FILE` does, with the same code (src/cli/verify-bundle.ts).
 */
import { parseArgs } from 'node:util';
import { EXIT_USAGE, UsageError } from '../cli/errors.js';
import { verifyBundleFile } from '../cli/verify-bundle.js';

const HELP = `Usage: node habeas-verify.mjs FILE [options]

Verifies a Habeas log bundle (habeas export) offline: every entry's leaf, the RFC 6962 root, the
checkpoint's Ed25519 signature, the payload digests and erasures when present, and the witnesses'
cosignatures you require. Needs nothing but Node.js 20 or later.

Options:
  --key <vkey>          the log's verifier key you trust: a log.vkey file or the key itself
                        (default: the key in the bundle's header)
  --witness <vkey>      a witness's verifier key whose cosignature counts; repeatable
  --quorum <n>          how many of the --witness keys must have cosigned (default: all)
  --checkpoints <file>  earlier signed checkpoints (habeas export --checkpoints), to narrow a
                        mismatch down to a range of entries
  -h, --help            this help

Exit 0 when everything holds, 1 when anything fails (naming the first bad entry), 2 on bad usage.
`;

export async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    console.error(`habeas-verify: ${(error as Error).message}\n\n${HELP}`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(`habeas-verify: give one bundle FILE\n\n${HELP}`);
    return EXIT_USAGE;
  }
  let quorum: number | undefined;
  if (values.quorum !== undefined) {
    quorum = Number(values.quorum);
    if (!Number.isInteger(quorum) || quorum < 0) {
      console.error('habeas-verify: --quorum is a whole number, 0 or more');
      return EXIT_USAGE;
    }
  }
  try {
    return await verifyBundleFile(positionals[0] as string, {
      ...(values.key !== undefined ? { key: values.key } : {}),
      witness: values.witness ?? [],
      ...(quorum !== undefined ? { quorum } : {}),
      ...(values.checkpoints !== undefined ? { checkpoints: values.checkpoints } : {}),
    });
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`habeas-verify: ${error.message}`);
      return EXIT_USAGE;
    }
    console.error(`habeas-verify: ${(error as Error).message}`);
    return 1;
  }
}

function parseOptions(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      key: { type: 'string' },
      witness: { type: 'string', multiple: true },
      quorum: { type: 'string' },
      checkpoints: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
