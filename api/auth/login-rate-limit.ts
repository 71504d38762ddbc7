/**
 * Brute-force brake on POST /login: a fixed window per client address. Over the limit the request
 * becomes a 429 `rate_limited` problem; express-rate-limit has set Retry-After by then.
 */
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { RateLimitedError } from '../errors/domain-errors';

export function loginRateLimit(opts: { windowMs: number; limit: number }): RequestHandler {
  return rateLimit({
    windowMs: opts.windowMs,
    limit: opts.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) =>
      next(new RateLimitedError('Too many login attempts; wait and try again', Math.ceil(opts.windowMs / 1000))),
  });
}
