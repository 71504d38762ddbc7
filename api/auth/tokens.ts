/**
 * Access tokens: HS256 JWTs signed with a secret that is either configured (ANANTA_JWT_SECRET) or
 * created once in the settings table, so every replica and every restart accepts the same tokens.
 * The secret is resolved on first use because createApp is synchronous.
 */
import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../../core/config';
import type { Db } from '../../db/client';
import { getOrCreateSetting } from '../../db/queries/settings';
import { USER_ROLES } from '../../db/schema';
import { UnauthorizedError } from '../errors/domain-errors';
import { loadJose } from './jose-loader';
import type { Principal, Role } from './principal';

const ISSUER = 'ananta';
const AUDIENCE = 'ananta-api';

export interface IssuedToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

export interface TokenService {
  /** `teamIds` is informational for clients (the dashboard); requests read membership afresh. */
  issue(user: { id: string; username: string; role: Role; teamIds?: readonly string[] }): Promise<IssuedToken>;
  verify(token: string): Promise<Principal>;
}

export function resolveJwtSecret(db: Db, config: AppConfig): Promise<string> {
  if (config.env.ANANTA_JWT_SECRET) return Promise.resolve(config.env.ANANTA_JWT_SECRET);
  return getOrCreateSetting(db, 'jwt_secret', () => randomBytes(48).toString('base64url'));
}

export function createTokenService(db: Db, config: AppConfig): TokenService {
  let key: Promise<Uint8Array> | undefined;
  const secret = () => (key ??= resolveJwtSecret(db, config).then((s) => new TextEncoder().encode(s)));
  const ttl = config.env.ANANTA_TOKEN_TTL_SECONDS;
  const { SignJWT, jwtVerify, errors: joseErrors } = loadJose();

  return {
    async issue(user) {
      const accessToken = await new SignJWT({ username: user.username, role: user.role, ...(user.teamIds ? { teamIds: [...user.teamIds] } : {}) })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(user.id)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${ttl}s`)
        .sign(await secret());
      return { accessToken, tokenType: 'Bearer', expiresIn: ttl };
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, await secret(), { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
        const role = payload.role as Role;
        if (!payload.sub || typeof payload.username !== 'string' || !USER_ROLES.includes(role)) {
          throw new UnauthorizedError('The token is missing claims', 'invalid_token');
        }
        return { userId: payload.sub, username: payload.username, role, via: 'jwt' };
      } catch (err) {
        if (err instanceof UnauthorizedError) throw err;
        if (err instanceof joseErrors.JWTExpired) throw new UnauthorizedError('The token has expired', 'token_expired');
        throw new UnauthorizedError('The token is invalid', 'invalid_token');
      }
    },
  };
}
