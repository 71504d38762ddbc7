/**
 * The API's secret key, resolved once per app; the cipher itself is core/secret-box.ts (shared with the
 * LLM workers, which decrypt provider API keys with the same key).
 */
import { resolveSecretKey, SECRET_KEY_SETTING } from '../../core/secret-box';
import { getOrCreateSetting } from '../../db/queries/settings';
import type { ApiContext } from '../context';

export { decryptSecret, encryptSecret } from '../../core/secret-box';

/** Resolved once per app (no module-level key). */
const keys = new WeakMap<ApiContext, Promise<Buffer>>();

export function secretKey(app: ApiContext): Promise<Buffer> {
  let key = keys.get(app);
  if (!key) {
    key = resolveSecretKey({
      fromEnv: app.config.env.ANANTA_SECRET_KEY,
      loadStored: (create) => getOrCreateSetting(app.db, SECRET_KEY_SETTING, create),
      warn: (message) => app.logger.warn(message),
    });
    keys.set(app, key);
    key.catch(() => keys.delete(app));
  }
  return key;
}
