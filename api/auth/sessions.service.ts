/**
 * Login sessions: an access token (short-lived JWT) plus a rotating refresh token. Each login starts a
 * family; every refresh consumes the presented token and issues the next one of the family. A token
 * presented again after use was copied by someone, and since we cannot tell the thief from the owner,
 * the whole family is revoked (and audited): both must log in again. Refreshing re-reads the user, so
 * the new access token carries the current role and teams, and a deleted user cannot refresh at all.
 */
import { createHash, randomBytes } from 'node:crypto';
import { listTeamIdsOfUser } from '../../db/queries/team-members';
import { getUser } from '../../db/queries/users';
import {
  consumeRefreshToken,
  findRefreshTokenByHash,
  insertRefreshToken,
  revokeRefreshFamily,
  type RefreshTokenRow,
} from '../../db/queries/refresh-tokens';
import { recordAudit } from '../audit/audit.service';
import type { ApiContext } from '../context';
import { UnauthorizedError } from '../errors/domain-errors';
import type { Role } from './principal';
import type { IssuedToken } from './tokens';

export interface IssuedSession extends IssuedToken {
  refreshToken: string;
}

const PREFIX = 'rt_';
const hashOf = (token: string): string => createHash('sha256').update(token).digest('hex');

const invalid = () => new UnauthorizedError('The refresh token is unknown or has expired; log in again', 'invalid_refresh_token');

async function issueRefreshToken(app: ApiContext, userId: string, familyId: string): Promise<string> {
  const token = PREFIX + randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + app.config.env.ANANTA_REFRESH_TTL_SECONDS * 1000);
  await insertRefreshToken(app.db, { userId, familyId, tokenHash: hashOf(token), expiresAt });
  return token;
}

async function issue(app: ApiContext, user: { id: string; username: string; role: Role }, familyId: string): Promise<IssuedSession> {
  const teamIds = await listTeamIdsOfUser(app.db, user.id);
  const access = await app.tokens.issue({ ...user, teamIds });
  return { ...access, refreshToken: await issueRefreshToken(app, user.id, familyId) };
}

/** After a successful login: a new family. */
export const startSession = (app: ApiContext, user: { id: string; username: string; role: Role }): Promise<IssuedSession> =>
  issue(app, user, crypto.randomUUID());

async function revokeForReuse(app: ApiContext, row: RefreshTokenRow): Promise<never> {
  const revoked = await revokeRefreshFamily(app.db, row.familyId);
  const user = await getUser(app.db, row.userId);
  await recordAudit(app, {
    action: 'refresh_token.reused',
    actor: user ? { userId: user.id, username: user.username } : null,
    target: { type: 'refresh_token_family', id: row.familyId },
    details: { revokedTokens: revoked, wasRevoked: row.revokedAt !== null },
  });
  throw new UnauthorizedError('This refresh token was already used or revoked; every token of its login is now revoked', 'refresh_token_reused');
}

/** POST /login/refresh: consume the presented token, issue the next one of its family. */
export async function refreshSession(app: ApiContext, presented: string): Promise<IssuedSession> {
  const row = await findRefreshTokenByHash(app.db, hashOf(presented));
  if (!row) throw invalid();
  if (row.usedAt || row.revokedAt) return revokeForReuse(app, row);
  if (row.expiresAt.getTime() <= Date.now()) throw invalid();
  // Lost a race with a concurrent refresh of the same token: that is a replay as well.
  if (!(await consumeRefreshToken(app.db, row.id))) return revokeForReuse(app, { ...row, usedAt: new Date() });
  const user = await getUser(app.db, row.userId);
  if (!user) throw invalid();
  return issue(app, user, row.familyId);
}

/**
 * POST /logout: revokes the family of the presented token. Unknown, expired or already revoked tokens
 * are accepted silently: logging out is idempotent and tells a caller nothing about other tokens.
 */
export async function endSession(app: ApiContext, presented: string): Promise<void> {
  const row = await findRefreshTokenByHash(app.db, hashOf(presented));
  if (!row) return;
  const revoked = await revokeRefreshFamily(app.db, row.familyId);
  if (revoked === 0) return;
  const user = await getUser(app.db, row.userId);
  await recordAudit(app, {
    action: 'logout',
    actor: user ? { userId: user.id, username: user.username } : null,
    target: { type: 'refresh_token_family', id: row.familyId },
    details: { revokedTokens: revoked },
  });
}
