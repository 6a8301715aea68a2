/** Password hashing with argon2id; any length up to the limit, any script. */
import argon2 from 'argon2';
import { z } from 'zod';
import { coded } from '../core/messages.js';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 1024;

/** OWASP's recommended argon2id cost: 19 MiB, two passes, one lane. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** A new password as a form or the command line supplies it. */
export const NewPassword = z
  .string(coded('required'))
  .min(PASSWORD_MIN, coded('minChars'))
  .max(PASSWORD_MAX, coded('maxChars'));

/**
 * The same characters typed through different input methods can arrive composed or decomposed;
 * NFC makes them one password.
 */
function normalise(password: string): string {
  return password.normalize('NFC');
}

/** An argon2id hash of the password (PHC string, salt included). */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(normalise(password), OPTIONS);
}

/** True when the password matches the hash; a malformed hash is a mismatch, never a throw. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, normalise(password));
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Spends the time of one verification, so an unknown name answers as slowly as a wrong password. */
export async function verifyNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword('not a password of anybody');
  await verifyPassword(await dummyHash, password);
  return false;
}
