/**
 * Who is calling. The authentication middleware puts a Principal on the request; everything after it
 * reads `req.principal` (typed through Express's Request augmentation) and never re-parses tokens.
 * `via` tells login JWTs from API keys (`ak_…`) and worker tokens (`wt_…`, good for heartbeats only).
 */
import type { RequestHandler } from 'express';
import type { UserRole } from '../../db/schema';
import { ForbiddenError, UnauthorizedError } from '../errors/domain-errors';

export type Role = UserRole;

export interface Principal {
  userId: string;
  username: string;
  role: Role;
  via: 'jwt' | 'api_key' | 'worker';
  /** An API key's own teams (an operator key acts for these); users' teams are read from membership. */
  teamIds?: readonly string[];
  /** Set for a worker token. */
  workerId?: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      principal?: Principal;
    }
  }
}

/** Roles that may change things; a viewer reads only. */
export const WRITE_ROLES: readonly Role[] = ['admin', 'operator'];

/** Lets the request through only for the given roles (401 without a principal, 403 with another role). */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.principal) return next(new UnauthorizedError());
    if (!roles.includes(req.principal.role)) {
      return next(new ForbiddenError(`This needs one of the roles: ${roles.join(', ')}`));
    }
    next();
  };
}
