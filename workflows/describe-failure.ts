/** Maps activity and child failures to the stable codes users see on tasks and goals. */
import { ActivityFailure, ApplicationFailure, ChildWorkflowFailure } from '@temporalio/workflow';
import type { ErrorInfo } from '../core/types';

/** Turns an activity failure into the code users see on the task (llm_failed, sandbox_unavailable…). */
export function describeFailure(failure: unknown): ErrorInfo {
  const err = failure instanceof ChildWorkflowFailure && failure.cause ? failure.cause : failure;
  const activity = err instanceof ActivityFailure ? err : undefined;
  const cause = activity ? activity.cause : err;
  const type = cause instanceof ApplicationFailure ? cause.type ?? undefined : undefined;
  const detail = `${activity ? `${activity.activityType}: ` : ''}${cause instanceof Error ? cause.message : String(cause)}`;
  // The contract's vendor codes; every other LLM failure (malformed, unavailable, invalid request) is llm_failed.
  if (type && SURFACED_LLM_CODES.has(type)) return { code: type, detail };
  if (activity && LLM_ACTIVITIES.has(activity.activityType)) return { code: 'llm_failed', detail };
  if (type?.startsWith('llm_')) return { code: 'llm_failed', detail };
  if (type && /^[a-z_]+$/.test(type)) return { code: type, detail };
  return { code: activity ? 'activity_failed' : 'internal_error', detail };
}

const LLM_ACTIVITIES = new Set(['planGoal', 'proposeStep', 'detectFollowups']);
const SURFACED_LLM_CODES = new Set(['llm_rate_limited', 'llm_auth_failed', 'budget_exceeded']);
