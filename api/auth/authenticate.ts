/**
 * Authentication for every route except the public ones: `Authorization: Bearer <token>` → a
 * Principal on the request, else 401 with `WWW-Authenticate: Bearer`. Bearer kinds are told apart by
 * prefix: API keys (`ak_…`, stored hashed), worker tokens (`wt_…`) and login JWTs.
 */
import type { RequestHandler } from 'express';
import type { ApiContext } from '../context';
import { UnauthorizedError } from '../errors/domain-errors';
import { getUser } from '../../db/queries/users';
import { verifyApiKey } from '../api-keys/api-keys.service';
import { verifyWorkerToken } from '../workers/workers.service';
import type { Principal } from './principal';

/** A worker token opens its heartbeat and nothing else. */
const WORKER_PATH = /^\/workers\/[^/]+\/heartbeat$/;

export async function verifyBearer(app: ApiContext, token: string, path: string): Promise<Principal> {
  if (token.startsWith('ak_')) return verifyApiKey(app, token);
  if (token.startsWith('wt_')) {
    if (!WORKER_PATH.test(path)) throw new UnauthorizedError('A worker token only authenticates its heartbeat', 'invalid_token');
    return verifyWorkerToken(app, token);
  }
  const claims = await app.tokens.verify(token);
  // The role is read now, not from the token: a demoted or deleted user loses access at once.
  const user = await getUser(app.db, claims.userId);
  if (!user) throw new UnauthorizedError('The user of this token no longer exists', 'invalid_token');
  return { ...claims, role: user.role };
}

export function authenticate(app: ApiContext, publicPaths: ReadonlySet<string>): RequestHandler {
  return async (req, _res, next) => {
    if (publicPaths.has(req.path)) return next();
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) return next(new UnauthorizedError('Send Authorization: Bearer <token> (POST /login gives one)'));
    req.principal = await verifyBearer(app, match[1]!, req.path);
    next();
  };
}
