/**
 * Temporal refuses payloads over 2 MB (its default blob limit): an activity result that large fails
 * the workflow task over and over instead of failing once. The LLM activities check what they receive
 * and return against a margin below it and fail non-retryably with `llm_payload_too_large` — a retry
 * would carry the same payload — so the goal fails with a reason people can act on.
 */
import { ApplicationFailure } from '@temporalio/common';

export const LLM_PAYLOAD_TOO_LARGE = 'llm_payload_too_large';
/** Below Temporal's 2 MB, leaving room for the envelope and the rest of the workflow task. */
export const PAYLOAD_LIMIT_BYTES = 1_500_000;

export function assertPayloadFits<T>(value: T, what: string, limit = PAYLOAD_LIMIT_BYTES): T {
  const bytes = Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
  if (bytes > limit) {
    throw ApplicationFailure.nonRetryable(
      `${what} is ${bytes} bytes, near Temporal's 2 MB payload limit (${limit} allowed): pass large inputs by reference or cut them`,
      LLM_PAYLOAD_TOO_LARGE,
    );
  }
  return value;
}
