/**
 * Brute-force brakes on POST /login, two of them:
 * - per client address: a fixed window over every attempt (one machine guessing many accounts);
 * - per account: the failures for one username since its last successful login, from any address
 *   (a botnet guessing one password). Over the limit that account answers 429 `rate_limited` with
 *   Retry-After — even to the right password, or the limit would be an oracle — while other accounts
 *   and other addresses are unaffected. A successful login resets the account's count.
 * With REDIS_URL both counts live in Redis and every API replica shares them; otherwise in memory.
 */
import express, { type Request, type RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type RateLimitRequestHandler, type Store } from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import { createClient } from 'redis';
import { recordAudit } from '../audit/audit.service';
import type { ApiContext } from '../context';
import { RateLimitedError } from '../errors/domain-errors';

type RedisClient = ReturnType<typeof createClient>;

export interface RateWindow {
  windowMs: number;
  limit: number;
}

export interface LoginThrottle {
  /** Mount on POST /login, before authentication and the app-wide JSON parser. */
  handlers: RequestHandler[];
  close(): Promise<void>;
}

/** What express-rate-limit puts on the request under each limiter's property name. */
type Counted = Request & Partial<Record<'rateLimit' | 'accountRateLimit', { used: number; limit: number; resetTime?: Date }>>;

const usernameOf = (req: Request): string | undefined => {
  const name = (req.body as { username?: unknown } | undefined)?.username;
  return typeof name === 'string' && name.length > 0 && name.length <= 200 ? name : undefined;
};

const secondsUntil = (resetTime: Date | undefined, windowMs: number): number =>
  Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + windowMs) - Date.now()) / 1000));

export function loginThrottle(app: ApiContext, opts: { perIp: RateWindow; perAccount: RateWindow }): LoginThrottle {
  let redis: RedisClient | undefined;
  const storeFor = (prefix: string): Store | undefined => {
    const url = app.config.env.REDIS_URL;
    if (!url) return undefined;
    if (!redis) {
      redis = createClient({ url });
      redis.on('error', (err) => app.logger.warn({ err }, 'login rate limit: Redis error'));
      // Counters in a shared store are a brake, not a reason to keep the process alive.
      redis.connect().then((c) => c.unref(), (err: unknown) => app.logger.warn({ err }, 'login rate limit: Redis unreachable'));
    }
    const client = redis;
    return new RedisStore({ sendCommand: (...args: string[]) => client.sendCommand(args), prefix });
  };

  const perIp = rateLimit({
    windowMs: opts.perIp.windowMs,
    limit: opts.perIp.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: storeFor('ananta:login-rl:ip:'),
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? 'unknown'),
    handler: (req, _res, next) =>
      next(new RateLimitedError('Too many login attempts from this address; wait and try again', secondsUntil((req as Counted).rateLimit?.resetTime, opts.perIp.windowMs))),
  });

  const perAccount: RateLimitRequestHandler = rateLimit({
    windowMs: opts.perAccount.windowMs,
    limit: opts.perAccount.limit,
    // Its own RateLimit headers would overwrite the per-address ones; Retry-After still comes on 429.
    standardHeaders: false,
    legacyHeaders: false,
    store: storeFor('ananta:login-rl:account:'),
    requestPropertyName: 'accountRateLimit',
    keyGenerator: (req) => usernameOf(req)!,
    // No username: validation answers it, and there is no account to protect.
    skip: (req) => usernameOf(req) === undefined,
    handler: async (req, res, next) => {
      const info = (req as Counted).accountRateLimit;
      const retryAfter = secondsUntil(info?.resetTime, opts.perAccount.windowMs);
      res.setHeader('Retry-After', String(retryAfter));
      try {
        // Once per window and account (the first refused attempt), so a flood cannot flood the log.
        if (info && info.used === info.limit + 1) {
          await recordAudit(app, { action: 'login.throttled', actorName: usernameOf(req), details: { failures: info.limit, retryAfterSeconds: retryAfter } });
        }
      } finally {
        next(new RateLimitedError('Too many failed logins for this account; wait and try again', retryAfter));
      }
    },
  });

  const resetOnSuccess: RequestHandler = (req, res, next) => {
    const username = usernameOf(req);
    if (username !== undefined) {
      res.once('finish', () => {
        if (res.statusCode !== 200) return;
        Promise.resolve(perAccount.resetKey(username)).catch((err: unknown) => app.logger.warn({ err }, 'login rate limit: reset failed'));
      });
    }
    next();
  };

  return {
    // The body is parsed here (the per-account key is in it); the app-wide parser then skips it.
    handlers: [perIp, express.json({ limit: app.options.bodyLimit }), perAccount, resetOnSuccess],
    async close() {
      const client = redis;
      redis = undefined;
      if (client?.isOpen) await client.quit();
      else if (client) client.destroy();
    },
  };
}
