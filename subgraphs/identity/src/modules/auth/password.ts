import { Algorithm, hash, verify } from '@node-rs/argon2';

/** OWASP's argon2id baseline: 19 MiB, two passes, one lane. */
const PARAMS = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Longer inputs are refused before hashing, so a huge password cannot tie up a core. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

export const hashPassword = (password: string) => hash(password, PARAMS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/**
 * Verifies against a throwaway hash, so a login for an unknown account costs as long as a real one
 * and timing does not reveal which accounts exist.
 */
export async function burnVerify(password: string): Promise<false> {
  dummy ??= hashPassword('not-a-real-password-just-timing');
  await verifyPassword(await dummy, password);
  return false;
}
