/**
 * A rate limit per provider+model shared by every LLM worker: with REDIS_URL the counts live in Redis
 * (rate-limiter-flexible), otherwise in this process. Over the limit a call waits for the next free
 * slot instead of failing — a vendor's quota is a pace to keep, not an error to show users.
 */
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { createClient } from 'redis';

export interface LlmRateLimit {
  /** Resolves when a call for `key` (provider/model) may go; rejects with the signal's reason when cancelled. */
  wait(key: string, signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

export interface LlmRateLimitOptions {
  /** Calls allowed per window and provider+model. */
  points: number;
  windowSeconds?: number;
  redisUrl?: string;
  warn?(message: string, err: unknown): void;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function createLlmRateLimit(opts: LlmRateLimitOptions): LlmRateLimit {
  const duration = opts.windowSeconds ?? 60;
  const common = { points: opts.points, duration, keyPrefix: 'ananta-llm-rate' };
  let redis: ReturnType<typeof createClient> | undefined;
  let limiter: RateLimiterAbstract;
  if (opts.redisUrl) {
    redis = createClient({ url: opts.redisUrl });
    redis.on('error', (err) => opts.warn?.('LLM rate limit: Redis error', err));
    // unref: an idle limiter must not keep a stopping worker alive.
    redis.connect().then((c) => c.unref(), (err: unknown) => opts.warn?.('LLM rate limit: Redis unreachable', err));
    // Redis down: count in this process rather than stop every LLM call.
    limiter = new RateLimiterRedis({ ...common, storeClient: redis, useRedisPackage: true, insuranceLimiter: new RateLimiterMemory(common) });
  } else {
    limiter = new RateLimiterMemory(common);
  }
  return {
    async wait(key, signal) {
      for (;;) {
        try {
          await limiter.consume(key);
          return;
        } catch (res) {
          if (!(res instanceof RateLimiterRes)) throw res;
          await sleep(Math.max(res.msBeforeNext, 10), signal);
        }
      }
    },
    async close() {
      await redis?.quit().catch(() => undefined);
    },
  };
}
