import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const SESSION_KEY_FILE = 'session.key';

/**
 * The key that signs session cookies: `DIR/session.key`, created on first start (0600, owner
 * only). Deleting the file ends every page session at the next start.
 */
export async function loadSessionKey(dataDir: string): Promise<string> {
  const path = join(dataDir, SESSION_KEY_FILE);
  try {
    await writeFile(path, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const key = (await readFile(path, 'utf8')).trim();
  if (key.length < 32)
    throw new Error(`${path} is too short to be a session key: delete it to make a new one`);
  return key;
}
