/** POST /login — the only way to get a token without one (rate-limited in app.ts). */
import { jsonRoute } from '../http/route';
import { loginBodySchema, tokenResponseSchema } from './login.schemas';
import { login } from './login.service';

export const loginRoutes = [
  jsonRoute({
    method: 'post',
    path: '/login',
    operationId: 'login',
    summary: 'Exchange a username and password for a bearer token',
    tags: ['auth'],
    public: true,
    body: loginBodySchema,
    response: tokenResponseSchema,
    problems: [401, 429],
    handler: ({ body }, ctx) => login(ctx.app, body),
  }),
];
