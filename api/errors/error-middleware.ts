/**
 * The one place where errors become HTTP. Domain errors map to a status through TABLE; framework and
 * driver errors (body parser, zod, PostgreSQL constraint violations) are translated here too, so no
 * route or service needs a try/catch. Anything unknown is a 500 with a generic message and the request
 * id; its stack goes to the log only.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { InvalidCursorError } from '../../db/queries/pagination';
import {
  BadRequestError, ConflictError, DomainError, ForbiddenError, NotFoundError, PayloadTooLargeError, RateLimitedError,
  UnauthorizedError, UnavailableError, UpstreamError, UpstreamTimeoutError, ValidationError,
} from './domain-errors';
import { problemTypeUri, sendProblem, type Problem } from './problem';
import { zodIssues } from './zod-issues';

type DomainErrorClass = abstract new (...args: never[]) => DomainError;

/** Class → status and title. Order matters only for subclasses (none today). */
const TABLE: ReadonlyArray<readonly [DomainErrorClass, number, string]> = [
  [BadRequestError, 400, 'Bad request'],
  [UnauthorizedError, 401, 'Unauthorized'],
  [ForbiddenError, 403, 'Forbidden'],
  [NotFoundError, 404, 'Not found'],
  [ConflictError, 409, 'Conflict'],
  [PayloadTooLargeError, 413, 'Payload too large'],
  [ValidationError, 422, 'Validation failed'],
  [RateLimitedError, 429, 'Too many requests'],
  [UpstreamError, 502, 'Upstream failure'],
  [UnavailableError, 503, 'Service unavailable'],
  [UpstreamTimeoutError, 504, 'Upstream timeout'],
];

/** PostgreSQL SQLSTATEs we translate; drizzle wraps driver errors, so the code may sit on a `cause`. */
const PG_CODES: Record<string, () => DomainError> = {
  '23505': () => new ConflictError('already_exists', 'A resource with the same key already exists'),
  '23503': () => new ValidationError('A referenced resource does not exist', [], 'missing_reference'),
};

function pgCode(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code in PG_CODES) return code;
  }
  return undefined;
}

/** Errors thrown by body-parser carry a `type`; translate the two a client can cause. */
function bodyParserError(err: unknown): DomainError | undefined {
  const type = (err as { type?: unknown } | null)?.type;
  if (type === 'entity.parse.failed') return new BadRequestError('invalid_json', 'The request body is not valid JSON');
  if (type === 'entity.too.large') return new PayloadTooLargeError();
  return undefined;
}

export function toDomainError(err: unknown): DomainError | undefined {
  if (err instanceof DomainError) return err;
  if (err instanceof ZodError) return new ValidationError('The request is invalid', zodIssues(err.issues));
  if (err instanceof InvalidCursorError) {
    return new ValidationError('The cursor is invalid', [{ path: 'query.cursor', message: err.message }], 'invalid_cursor');
  }
  const code = pgCode(err);
  if (code) return PG_CODES[code]!();
  return bodyParserError(err);
}

export function errorMiddleware(): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const requestId = res.locals.requestId as string | undefined;
    const log = res.locals.log ?? req.app.locals.logger;
    if (res.headersSent) {
      log?.warn({ err }, 'error after the response started');
      res.end();
      return;
    }
    const domain = toDomainError(err);
    const row = domain && TABLE.find(([cls]) => domain instanceof cls);
    if (!domain || !row) {
      log?.error({ err }, 'unhandled error');
      sendProblem(res, {
        type: problemTypeUri('internal_error'),
        title: 'Internal server error',
        status: 500,
        detail: `An unexpected error occurred; quote request id ${requestId ?? 'unknown'} when reporting it`,
        code: 'internal_error',
        instance: req.originalUrl,
        requestId,
      });
      return;
    }
    const [, status, title] = row;
    if (status >= 500) log?.warn({ err }, 'dependency failure');
    if (domain instanceof UnauthorizedError) res.setHeader('WWW-Authenticate', 'Bearer');
    if (domain instanceof RateLimitedError && domain.retryAfterSeconds && !res.getHeader('Retry-After')) {
      res.setHeader('Retry-After', String(domain.retryAfterSeconds));
    }
    const problem: Problem = {
      ...domain.extra,
      type: problemTypeUri(domain.code),
      title,
      status,
      detail: domain.message,
      code: domain.code,
      instance: req.originalUrl,
      requestId,
    };
    sendProblem(res, problem);
  };
}

/** The final handler: no route matched. */
export function notFoundMiddleware(): RequestHandler {
  return (req, _res, next) => next(new NotFoundError(`Route ${req.method} ${req.path}`));
}
