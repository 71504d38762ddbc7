/**
 * Authentication for every route except the public ones: `Authorization: Bearer <token>` → a
 * Principal on the request, else 401 with `WWW-Authenticate: Bearer`. Bearer kinds are told apart by
 * prefix, so API keys (`ak_…`, stored hashed) slot in here without touching routes.
 */
import type { RequestHandler } from 'express';
import type { ApiContext } from '../context';
import { UnauthorizedError } from '../errors/domain-errors';
import type { Principal } from './principal';

async function verifyBearer(app: ApiContext, token: string): Promise<Principal> {
  if (token.startsWith('ak_')) throw new UnauthorizedError('API keys are not enabled on this server yet', 'invalid_token');
  return app.tokens.verify(token);
}

export function authenticate(app: ApiContext, publicPaths: ReadonlySet<string>): RequestHandler {
  return async (req, _res, next) => {
    if (publicPaths.has(req.path)) return next();
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) return next(new UnauthorizedError('Send Authorization: Bearer <token> (POST /login gives one)'));
    req.principal = await verifyBearer(app, match[1]!);
    next();
  };
}
