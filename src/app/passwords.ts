import { hash, verify } from '@node-rs/argon2';

/*
 * argon2id with the OWASP Password Storage Cheat Sheet's first setting (m=19 MiB, t=2, p=1).
 * `Algorithm` is a const enum, which isolatedModules cannot import: 2 is Argon2id.
 */
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/**
 * A hash of a password nobody has, verified when the login name is unknown, so that a wrong
 * name and a wrong password take the same time (no user enumeration by timing).
 */
let decoyHash: Promise<string> | null = null;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  decoyHash ??= hashPassword('decoy password that opens nothing');
  const target = passwordHash ?? (await decoyHash);
  try {
    const matches = await verify(target, password);
    return passwordHash !== null && matches;
  } catch {
    // A malformed stored hash opens nothing.
    return false;
  }
}
