/**
 * The plaintext secrets a trigger accepts right now: the current one and, until its grace period ends,
 * the one it replaced. Decrypted only here, only for verification; never logged or returned.
 */
import { getTriggerSecrets } from '../../db/queries/triggers';
import type { ApiContext } from '../context';
import { decryptSecret, secretKey } from './secret-box';

export async function activeSecrets(app: ApiContext, triggerId: string, now = new Date()): Promise<string[]> {
  const sealed = await getTriggerSecrets(app.db, triggerId);
  if (!sealed?.current) return [];
  const key = await secretKey(app);
  const secrets = [decryptSecret(key, sealed.current)];
  if (sealed.previous && sealed.previousExpiresAt && sealed.previousExpiresAt > now) secrets.push(decryptSecret(key, sealed.previous));
  return secrets;
}
