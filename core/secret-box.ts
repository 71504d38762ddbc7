/**
 * Secrets at rest (webhook trigger secrets, LLM provider API keys): AES-256-GCM,
 * `v1.<iv>.<tag>.<ciphertext>` in base64url. The key comes from ANANTA_SECRET_KEY; without it one is
 * generated once and kept in the settings table, so every replica — the API that encrypts and the LLM
 * workers that decrypt — agrees. Lives in core/ so activities use it without importing api/.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** The settings key under which a generated key is kept when ANANTA_SECRET_KEY is unset. */
export const SECRET_KEY_SETTING = 'secret_key';

export interface SecretKeySource {
  /** ANANTA_SECRET_KEY (base64, 32 bytes), when set. */
  fromEnv?: string;
  /** Reads (or creates, race-safely) the stored key, given a generator for a new one. */
  loadStored(create: () => string): Promise<string>;
  /** Told once when the stored key is used, so operators learn to set the variable. */
  warn?(message: string): void;
}

export async function resolveSecretKey(source: SecretKeySource): Promise<Buffer> {
  if (source.fromEnv) return Buffer.from(source.fromEnv, 'base64');
  source.warn?.('ANANTA_SECRET_KEY is not set: stored secrets are encrypted with a key kept in the database; set it in production');
  const stored = await source.loadStored(() => randomBytes(32).toString('base64'));
  return Buffer.from(stored, 'base64');
}

export function encryptSecret(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

export function decryptSecret(key: Buffer, sealed: string): string {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || ciphertext === undefined) throw new Error('Unknown secret format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}
