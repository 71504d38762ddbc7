/**
 * Trigger secrets at rest: AES-256-GCM, `v1.<iv>.<tag>.<ciphertext>` in base64url. The key comes from
 * ANANTA_SECRET_KEY; without it one is generated once and kept in the settings table, so every replica
 * agrees — which also means a database dump holds both, hence the warning to set the variable.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { getOrCreateSetting } from '../../db/queries/settings';
import type { ApiContext } from '../context';

const SECRET_KEY_SETTING = 'secret_key';

/** Resolved once per app (no module-level key). */
const keys = new WeakMap<ApiContext, Promise<Buffer>>();

export function secretKey(app: ApiContext): Promise<Buffer> {
  let key = keys.get(app);
  if (!key) {
    key = resolveKey(app);
    keys.set(app, key);
    key.catch(() => keys.delete(app));
  }
  return key;
}

async function resolveKey(app: ApiContext): Promise<Buffer> {
  const fromEnv = app.config.env.ANANTA_SECRET_KEY;
  if (fromEnv) return Buffer.from(fromEnv, 'base64');
  app.logger.warn('ANANTA_SECRET_KEY is not set: trigger secrets are encrypted with a key kept in the database; set it in production');
  const stored = await getOrCreateSetting(app.db, SECRET_KEY_SETTING, () => randomBytes(32).toString('base64'));
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
