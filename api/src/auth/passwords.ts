import {hash, verify} from '@node-rs/argon2';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const OPTIONS = {memoryCost: 19_456, timeCost: 2, parallelism: 1} as const;

export function hashPassword(password: string): Promise<string> {
  // @node-rs/argon2 defaults to argon2id.
  return hash(password, OPTIONS);
}

// Verified when no account matches, so a wrong email costs as long as a wrong password.
const DUMMY_HASH = hash('chorus-dummy-password', OPTIONS);

export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (!stored) {
    await verify(await DUMMY_HASH, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
