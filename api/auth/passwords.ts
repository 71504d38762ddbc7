/**
 * Password hashing with argon2id (@node-rs/argon2 defaults: OWASP's recommended memory and time
 * costs). Verification of an unknown user still runs against a fixed dummy hash, so response time does
 * not reveal whether a username exists.
 */
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

export const hashPassword = (password: string): Promise<string> => hash(password);

let dummyHash: Promise<string> | undefined;

/** True when `password` matches `passwordHash`; with no hash, burns the same time and returns false. */
export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  dummyHash ??= hash(randomBytes(16).toString('hex'));
  try {
    const ok = await verify(passwordHash ?? (await dummyHash), password);
    return ok && passwordHash !== undefined;
  } catch {
    return false;
  }
}

/** A strong random password (32 base64url characters, 192 bits). */
export const generatePassword = (): string => randomBytes(24).toString('base64url');
