/**
 * Builds the Express app from explicit dependencies (config, db, Temporal client, logger), so tests
 * build real apps and nothing lives in module singletons. Middleware order matters:
 * request id and logging first (every response is tagged), metrics, the login rate limit, then
 * authentication — before body parsing, so an anonymous caller cannot make us parse large bodies —
 * then the declarative routes, the 404 fallback and the one error middleware.
 */
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import { authenticate } from './auth/authenticate';
import { loginThrottle } from './auth/login-rate-limit';
import { createTokenService } from './auth/tokens';
import type { ApiContext, ApiDeps, ApiOptions } from './context';
import { errorMiddleware, notFoundMiddleware } from './errors/error-middleware';
import { mountRoutes } from './http/mount';
import { requestId, requestLogger } from './middleware/request-id';
import { createHttpMetrics } from './ops/metrics';
import { allRoutes } from './routes';
import { webhookReceiver } from './triggers/webhook-receiver';
import { uiRoutes } from './ui/ui.routes';

export const DEFAULT_API_OPTIONS: ApiOptions = {
  queryTimeoutMs: 3000,
  updateTimeoutMs: 20_000,
  planTimeoutMs: 5 * 60_000,
  ssePollMs: 500,
  sseHeartbeatMs: 15_000,
  loginRateLimit: { windowMs: 60_000, limit: 20 },
  accountLoginRateLimit: { windowMs: 15 * 60_000, limit: 10 },
  bodyLimit: '256kb',
};

function packageVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export function createApp(deps: ApiDeps): express.Express {
  const { options: overrides, ...rest } = deps;
  const ctx: ApiContext = {
    ...rest,
    options: { ...DEFAULT_API_OPTIONS, ...overrides },
    tokens: createTokenService(deps.db, deps.config),
    metrics: createHttpMetrics(),
  };
  const routes = allRoutes(packageVersion());
  const publicPaths = new Set(routes.filter((r) => r.public).map((r) => r.path));

  const app = express();
  app.disable('x-powered-by');
  app.locals.logger = deps.logger;
  // Client IPs (rate limits, webhook allowlists) come from the socket unless the peer is a trusted proxy.
  const trustedProxies = deps.config.env.ANANTA_TRUSTED_PROXIES;
  if (trustedProxies) app.set('trust proxy', trustedProxies.split(',').map((p) => p.trim()).filter(Boolean));
  app.use(requestId(deps.logger));
  app.use(requestLogger());
  app.use(ctx.metrics.middleware);
  app.use(uiRoutes()); // the dashboard's files are public: the app logs in through the API itself
  const throttle = loginThrottle(ctx, { perIp: ctx.options.loginRateLimit, perAccount: ctx.options.accountLoginRateLimit });
  app.post('/login', ...throttle.handlers);
  /** Closes the Redis client of the shared login counters (if any); call on shutdown. */
  app.locals.closeLoginThrottle = throttle.close;
  // Webhook receivers authenticate by signature over the raw body: ahead of bearer auth and the JSON parser.
  const webhooks = webhookReceiver(ctx);
  app.use('/triggers/webhook', webhooks.router);
  /** Closes what the receivers hold open (the Redis client of the shared rate limit); call on shutdown. */
  app.locals.closeWebhooks = webhooks.close;
  app.use(authenticate(ctx, publicPaths));
  app.use(express.json({ limit: ctx.options.bodyLimit }));
  const router = express.Router();
  mountRoutes(router, routes, ctx);
  app.use(router);
  app.use(notFoundMiddleware());
  app.use(errorMiddleware());
  return app;
}
