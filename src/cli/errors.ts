/** Exit codes of every command: 0 success, 1 failure, 2 bad usage. */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** The command line was wrong: the message says what to type instead; exit code 2. */
export class UsageError extends Error {
  readonly exitCode = EXIT_USAGE;
}
