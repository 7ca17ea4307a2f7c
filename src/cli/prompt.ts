import { UsageError } from './errors.js';

/** Standard input as text without the final line break (a secret piped in by a script). */
export async function readStdinText(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Standard input as lines, without the final line break. */
export async function readStdinLines(): Promise<string[]> {
  return (await readStdinText()).split(/\r?\n/);
}

/**
 * A secret piped in as exactly one line (`what` names it in the error): a line break inside it is
 * refused, since nobody could ever type such a password or passphrase at a prompt.
 */
export async function readStdinSecret(what: string): Promise<string> {
  const lines = await readStdinLines();
  if (lines.length !== 1) throw new UsageError(`give the ${what} as one line on standard input`);
  return lines[0] as string;
}

/** Asks on the terminal without echo (standard error carries the question, standard output stays clean). */
export function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    let value = '';
    const onData = (data: Buffer) => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          done();
          resolve(value);
          return;
        }
        if (char === '\u0003') {
          done();
          reject(new UsageError('cancelled'));
          return;
        }
        // Backspace removes one character, not one UTF-16 unit.
        if (char === '\u007f' || char === '\b') value = [...value].slice(0, -1).join('');
        else value += char;
      }
    };
    const done = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    stdin.on('data', onData);
  });
}

/** Asks twice without echo; the answers must match (`what` names the secret in the error). */
export async function promptTwice(first: string, second: string, what: string): Promise<string> {
  const a = await promptHidden(first);
  const b = await promptHidden(second);
  if (a !== b) throw new UsageError(`the two ${what} differ`);
  return a;
}
