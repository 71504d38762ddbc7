/**
 * Logging in: username + password → an access token and the first refresh token of a new session. Unknown user and wrong password give the same
 * answer after the same amount of work, so the endpoint does not reveal which usernames exist.
 */
import { findUserByUsername } from '../../db/queries/users';
import { recordAudit } from '../audit/audit.service';
import type { ApiContext } from '../context';
import { UnauthorizedError } from '../errors/domain-errors';
import { verifyPassword } from './passwords';
import { startSession, type IssuedSession } from './sessions.service';

export async function login(app: ApiContext, creds: { username: string; password: string }): Promise<IssuedSession> {
  const user = await findUserByUsername(app.db, creds.username);
  const ok = await verifyPassword(user?.passwordHash, creds.password);
  if (!user || !ok) {
    await recordAudit(app, { action: 'login.failed', actorName: creds.username, details: { reason: user ? 'wrong_password' : 'unknown_user' } });
    throw new UnauthorizedError('Invalid username or password', 'invalid_credentials');
  }
  await recordAudit(app, { action: 'login.succeeded', actor: { userId: user.id, username: user.username } });
  return startSession(app, user);
}
