/**
 * How a failed short workflow (plan, analysis, manual step) becomes a problem: a timeout is a 504,
 * an LLM failure a 502 with the vendor's code (llm_failed by default), a policy refusal a 409, a
 * team's spent daily budget a 429 with Retry-After at the next UTC midnight (when the day's spend
 * resets), and a missing sandbox a 503. The workflow's ApplicationFailure type is the stable code.
 */
import { WorkflowExecutionAlreadyStartedError, WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure, TimeoutFailure } from '@temporalio/common';
import { ConflictError, RateLimitedError, UnavailableError, UpstreamError, UpstreamTimeoutError } from '../errors/domain-errors';

/** Seconds from `now` to the next UTC midnight, when a team's daily spend starts again from zero. */
export function secondsToUtcMidnight(now: Date): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Math.max(1, Math.ceil((next - now.getTime()) / 1000));
}

export interface FailureWording {
  /** What was asked, for the detail: "Planning", "The analysis", "The step". */
  what: string;
  /** Code of a timeout, e.g. plan_timeout. */
  timeoutCode: string;
  /** Code of a second request while one runs (only for workflows with one run per business key). */
  busyCode?: string;
  /** Code of any other failure: llm_failed for LLM workflows (the default), step_failed for a command. */
  failedCode?: string;
}

export function workflowFailure(err: unknown, wording: FailureWording): Error {
  if (err instanceof WorkflowExecutionAlreadyStartedError && wording.busyCode) {
    return new ConflictError(wording.busyCode, `${wording.what} is already running for this task; try again when it has finished`);
  }
  if (!(err instanceof WorkflowFailedError)) return err as Error;
  const cause = err.cause;
  if (cause instanceof TimeoutFailure) return new UpstreamTimeoutError(wording.timeoutCode, `${wording.what} did not finish in time`);
  const type = cause instanceof ApplicationFailure ? (cause.type ?? undefined) : undefined;
  const detail = `${wording.what} failed: ${cause?.message ?? err.message}`;
  if (type === 'approval_required') {
    const risk = (cause as ApplicationFailure).details?.[0] as { risk?: string; reasons?: string[] } | undefined;
    return new ConflictError('approval_required', cause!.message, { risk: risk?.risk, riskReasons: risk?.reasons ?? [] });
  }
  if (type === 'sandbox_unavailable') return new UnavailableError(type, detail);
  if (type === 'budget_exceeded') {
    return new RateLimitedError(`${wording.what} was refused: ${cause!.message}. A team admin can raise the daily budget, or try again after midnight UTC.`, secondsToUtcMidnight(new Date()), type);
  }
  const code = type?.startsWith('llm_') ? type : (wording.failedCode ?? 'llm_failed');
  return new UpstreamError(code, detail, type && type !== code ? { reason: type } : {});
}
