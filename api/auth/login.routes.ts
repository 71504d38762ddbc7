/**
 * POST /login, /login/refresh, /logout — the only routes that work without an access token: the
 * password or the refresh token is the credential (login is rate-limited in app.ts).
 */
import { jsonRoute } from '../http/route';
import { loginBodySchema, noContentSchema, refreshBodySchema, tokenResponseSchema } from './login.schemas';
import { login } from './login.service';
import { endSession, refreshSession } from './sessions.service';

const tags = ['auth'];

export const loginRoutes = [
  jsonRoute({
    method: 'post',
    path: '/login',
    operationId: 'login',
    summary: 'Exchange a username and password for an access token and a refresh token',
    tags,
    public: true,
    body: loginBodySchema,
    response: tokenResponseSchema,
    problems: [401, 429],
    handler: ({ body }, ctx) => login(ctx.app, body),
  }),
  jsonRoute({
    method: 'post',
    path: '/login/refresh',
    operationId: 'refreshLogin',
    summary: 'Exchange a refresh token for a new access token and a new refresh token (the old one is used up)',
    description:
      'A used or revoked refresh token → 401 `refresh_token_reused`, and every token of that login is revoked. ' +
      'Unknown or expired → 401 `invalid_refresh_token`. The new access token carries the current role and teams.',
    tags,
    public: true,
    body: refreshBodySchema,
    response: tokenResponseSchema,
    problems: [401],
    handler: ({ body }, ctx) => refreshSession(ctx.app, body.refreshToken),
  }),
  jsonRoute({
    method: 'post',
    path: '/logout',
    operationId: 'logout',
    summary: 'Revoke the session of a refresh token (idempotent)',
    tags,
    public: true,
    body: refreshBodySchema,
    status: 204,
    response: noContentSchema,
    handler: ({ body }, ctx) => endSession(ctx.app, body.refreshToken),
  }),
];
