/**
 * Domain errors: what services throw when a request cannot be served. They carry a stable machine
 * `code` (part of the public contract) and optional `extra` fields, but no HTTP status: the one error
 * middleware maps each class to a status through a table, so services stay transport-free.
 */
export type ProblemExtra = Record<string, unknown>;

export abstract class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly extra: ProblemExtra = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** One invalid input field, as reported in a problem's `errors[]`. */
export interface FieldIssue {
  path: string;
  message: string;
  code?: string;
}

/** The request is well-formed but its content breaks the schema or a rule (422). */
export class ValidationError extends DomainError {
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
    code = 'validation_failed',
  ) {
    super(code, message, { errors: issues });
  }
}

/** The request itself is unusable, e.g. a body that is not JSON (400). */
export class BadRequestError extends DomainError {}

export class UnauthorizedError extends DomainError {
  constructor(message = 'Authentication is required', code = 'unauthorized') {
    super(code, message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You are not allowed to do this', code = 'forbidden') {
    super(code, message);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id?: string) {
    super('not_found', id === undefined ? `${what} not found` : `${what} ${id} not found`);
  }
}

/** The request conflicts with the current state, e.g. an invalid status transition (409). */
export class ConflictError extends DomainError {}

export class PayloadTooLargeError extends DomainError {
  constructor(message = 'The request body is too large') {
    super('payload_too_large', message);
  }
}

/** 429: too many requests, or a quota spent for now (code budget_exceeded); Retry-After when known. */
export class RateLimitedError extends DomainError {
  constructor(
    message = 'Too many requests, slow down',
    readonly retryAfterSeconds?: number,
    code = 'rate_limited',
  ) {
    super(code, message);
  }
}

/** A dependency answered with a failure, e.g. the LLM behind the planner (502). */
export class UpstreamError extends DomainError {}

/** A dependency is not reachable right now, e.g. Temporal is down (503). */
export class UnavailableError extends DomainError {}

/** A dependency did not answer in time (504). */
export class UpstreamTimeoutError extends DomainError {}
