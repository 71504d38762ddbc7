/**
 * Bearer secrets we issue ourselves (API keys `ak_…`, worker tokens `wt_…`): `<kind>_<prefix>_<secret>`.
 * The prefix is stored in clear to find the row; only the sha256 of the secret is stored, and it is
 * compared in constant time. A sha256 (not argon2) is enough: the secret is 192 random bits, not a
 * guessable password, and it is checked on every request.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export type SecretKind = 'ak' | 'wt';

export interface MintedSecret {
  /** The whole bearer value, shown once. */
  token: string;
  prefix: string;
  hash: string;
}

export const hashSecret = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

export function mintSecret(kind: SecretKind): MintedSecret {
  const prefix = randomBytes(6).toString('hex');
  const secret = randomBytes(24).toString('base64url');
  return { token: `${kind}_${prefix}_${secret}`, prefix, hash: hashSecret(secret) };
}

export function parseSecret(kind: SecretKind, token: string): { prefix: string; secret: string } | undefined {
  const match = new RegExp(`^${kind}_([0-9a-f]{12})_([A-Za-z0-9_-]{32})$`).exec(token);
  return match ? { prefix: match[1]!, secret: match[2]! } : undefined;
}

export function secretMatches(storedHash: string, secret: string): boolean {
  const a = Buffer.from(storedHash, 'hex');
  const b = Buffer.from(hashSecret(secret), 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
