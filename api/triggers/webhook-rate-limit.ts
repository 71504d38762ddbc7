/**
 * Rate limit per trigger and client address, with each trigger's own {maxRequests, windowSeconds}.
 * express-rate-limit fixes the window per instance, so there is one limiter per trigger setting,
 * created on first use. With REDIS_URL the counts live in Redis and every API replica shares them;
 * otherwise in this process's memory. Refused requests are recorded folded (folded-rejections.ts).
 */
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import { createClient } from 'redis';
import type { TriggerRow } from '../../db/queries/triggers';
import type { ApiContext } from '../context';
import { RateLimitedError } from '../errors/domain-errors';
import { recordRejectionFolded } from './folded-rejections';

type RedisClient = ReturnType<typeof createClient>;

export interface WebhookRateLimit {
  middleware: RequestHandler;
  close(): Promise<void>;
}

export function webhookRateLimit(app: ApiContext): WebhookRateLimit {
  const limiters = new Map<string, RequestHandler>();
  let redis: RedisClient | undefined;

  const storeFor = (key: string): Store | undefined => {
    const url = app.config.env.REDIS_URL;
    if (!url) return undefined;
    if (!redis) {
      redis = createClient({ url });
      redis.on('error', (err) => app.logger.warn({ err }, 'webhook rate limit: Redis error'));
      // The counters are an optimisation over a shared store, not a reason to keep the process alive.
      redis.connect().then((c) => c.unref(), (err: unknown) => app.logger.warn({ err }, 'webhook rate limit: Redis unreachable'));
    }
    const client = redis;
    return new RedisStore({ sendCommand: (...args: string[]) => client.sendCommand(args), prefix: `ananta:webhook-rl:${key}:` });
  };

  const limiterFor = (trigger: TriggerRow): RequestHandler => {
    const { maxRequests, windowSeconds } = trigger.rateLimit;
    const key = `${trigger.id}:${maxRequests}:${windowSeconds}`;
    let limiter = limiters.get(key);
    if (!limiter) {
      limiter = rateLimit({
        windowMs: windowSeconds * 1000,
        limit: maxRequests,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        store: storeFor(key),
        keyGenerator: (req) => ipKeyGenerator(req.ip ?? 'unknown'),
        // Created lazily, once per trigger setting and cached, because the limits live in the store.
        validate: { creationStack: false },
        // Every refused request is in the delivery log, folded into one row per client and window.
        handler: (req, res, next) => {
          const refused = new RateLimitedError(`More than ${maxRequests} deliveries in ${windowSeconds} s from this address`, windowSeconds);
          const windowEndsAt = (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
          recordRejectionFolded(app, { trigger: res.locals.trigger as TriggerRow, clientIp: req.ip ?? 'unknown', reason: 'rate_limited', windowEndsAt })
            .then(() => next(refused), next);
        },
      });
      limiters.set(key, limiter);
    }
    return limiter;
  };

  return {
    middleware: (req, res, next) => limiterFor(res.locals.trigger as TriggerRow)(req, res, next),
    async close() {
      const client = redis;
      redis = undefined;
      if (client?.isOpen) await client.quit();
      else if (client) client.destroy();
    },
  };
}
