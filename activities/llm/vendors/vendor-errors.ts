/**
 * Turns a vendor SDK's failure into the ApplicationFailure the workflow's retry policy understands.
 * The SDKs' own retries are off (maxRetries: 0), so Temporal's activity retry — visible in history — is
 * the one retry mechanism: auth and invalid-request errors fail at once, rate limits wait as long as
 * the vendor asked (Retry-After → nextRetryDelay), and outages and timeouts retry with backoff.
 * Failure messages end up in workflow history, so every secret is cut out of them first.
 */
import { ApplicationFailure } from '@temporalio/common';

export const LLM_AUTH_FAILED = 'llm_auth_failed';
export const LLM_INVALID_REQUEST = 'llm_invalid_request';
export const LLM_RATE_LIMITED = 'llm_rate_limited';
export const LLM_UNAVAILABLE = 'llm_unavailable';
/** Anything an adapter did not anticipate: retried, and shown to users as an LLM failure. */
export const LLM_FAILED = 'llm_failed';

export interface HeaderReader {
  get(name: string): string | null;
}

/** What went wrong, as each adapter reads it off its SDK's error classes. */
export type VendorFault =
  | { kind: 'http'; status: number; message: string; headers?: HeaderReader }
  | { kind: 'timeout' | 'connection' | 'other'; message: string };

export interface FaultContext {
  vendor: string;
  /** Values that must never reach a message (API keys); empty ones are ignored. */
  secrets: readonly (string | undefined)[];
}

/** The error classes every Stainless-generated SDK (openai, @anthropic-ai/sdk) exports. */
export interface StainlessErrorClasses {
  APIError: abstract new (...args: never[]) => Error & { status?: number; headers?: Headers };
  APIConnectionError: abstract new (...args: never[]) => Error;
  APIConnectionTimeoutError: abstract new (...args: never[]) => Error;
}

/** Reads a failure of the openai or Anthropic SDK; both expose the response's status and headers. */
export function stainlessFault(err: unknown, classes: StainlessErrorClasses): VendorFault {
  if (err instanceof classes.APIConnectionTimeoutError) return { kind: 'timeout', message: err.message };
  if (err instanceof classes.APIConnectionError) return { kind: 'connection', message: err.message };
  if (err instanceof classes.APIError && typeof err.status === 'number') {
    return { kind: 'http', status: err.status, message: err.message, headers: err.headers };
  }
  return otherFault(err);
}

/**
 * stainlessFault for one call started now: when the SDK's own timeout fires while a caller's signal is
 * also attached, the SDK reports a plain "Connection error."; a connection failure after the whole
 * timeout has passed is that timeout, and says so.
 */
export function timedFault(classes: StainlessErrorClasses, timeoutMs: number): (err: unknown) => VendorFault {
  const started = Date.now();
  return (err) => {
    const fault = stainlessFault(err, classes);
    return fault.kind === 'connection' && Date.now() - started >= timeoutMs ? { kind: 'timeout', message: `no answer within ${timeoutMs} ms` } : fault;
  };
}

/**
 * fetch's own failures: a TimeoutError from AbortSignal.timeout, or "fetch failed" when nobody listens.
 * Read by name, not instanceof: fetch's errors may come from another realm (Node's, under a test runner).
 */
export function otherFault(err: unknown): VendorFault {
  const { name, message, cause } = (typeof err === 'object' && err !== null ? err : {}) as { name?: unknown; message?: unknown; cause?: { message?: unknown } };
  const text = typeof message === 'string' ? message : String(err);
  if (name === 'TimeoutError') return { kind: 'timeout', message: text };
  if (name === 'TypeError' && /fetch failed/i.test(text)) {
    return { kind: 'connection', message: typeof cause?.message === 'string' ? `${text}: ${cause.message}` : text };
  }
  return { kind: 'other', message: text };
}

/**
 * The wait a vendor asked for, in ms: OpenAI's `retry-after-ms`, else `Retry-After` in seconds or as
 * an HTTP date. Undefined when absent or unreadable, so Temporal's own backoff applies.
 */
export function retryAfterMs(headers: HeaderReader | undefined, now = Date.now()): number | undefined {
  const ms = Number(headers?.get('retry-after-ms') ?? NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  return secrets.reduce<string>((out, secret) => (secret && secret.length >= 4 ? out.split(secret).join('[redacted]') : out), text);
}

export function llmFailure(fault: VendorFault, ctx: FaultContext): ApplicationFailure {
  const detail = redact(fault.message, ctx.secrets).slice(0, 500);
  if (fault.kind !== 'http') {
    if (fault.kind === 'timeout') return ApplicationFailure.retryable(`${ctx.vendor} did not answer in time: ${detail}`, LLM_UNAVAILABLE);
    if (fault.kind === 'connection') return ApplicationFailure.retryable(`${ctx.vendor} is unreachable: ${detail}`, LLM_UNAVAILABLE);
    return ApplicationFailure.retryable(`${ctx.vendor} call failed: ${detail}`, LLM_FAILED);
  }

  // The Stainless SDKs start their messages with the status; say it once.
  const message = `${ctx.vendor} answered HTTP ${fault.status}: ${detail.replace(new RegExp(`^${fault.status}\\s+`), '')}`;
  const { status } = fault;
  if (status === 401 || status === 403) return ApplicationFailure.nonRetryable(message, LLM_AUTH_FAILED);
  const nextRetryDelay = retryAfterMs(fault.headers);
  if (status === 429) return ApplicationFailure.create({ message, type: LLM_RATE_LIMITED, nonRetryable: false, nextRetryDelay });
  // 408 and 409 are transient (the SDKs retry them by default); other 4xx will not change on retry.
  if (status >= 500 || status === 408 || status === 409) {
    return ApplicationFailure.create({ message, type: LLM_UNAVAILABLE, nonRetryable: false, nextRetryDelay });
  }
  return ApplicationFailure.nonRetryable(message, LLM_INVALID_REQUEST);
}

/**
 * Runs one vendor call and maps its failure. A cancelled activity rethrows the signal's reason (the
 * CancelledFailure), so Temporal records a cancellation rather than a vendor error.
 */
export async function callVendor<T>(
  ctx: FaultContext & { signal?: AbortSignal; describe: (err: unknown) => VendorFault },
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (ctx.signal?.aborted) throw ctx.signal.reason ?? err;
    if (err instanceof ApplicationFailure) throw err;
    throw llmFailure(ctx.describe(err), ctx);
  }
}
