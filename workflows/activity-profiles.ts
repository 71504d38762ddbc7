/**
 * Activity options by profile, each with explicit timeouts. Permanent failures are ApplicationFailures
 * whose type is listed as non-retryable here. Queue names come from the workflow's input (a deployment
 * may prefix them), so the proxies are built per workflow run.
 */
import { proxyActivities, proxyLocalActivities, ActivityCancellationType } from '@temporalio/workflow';
import type { createExecActivities } from '../activities/exec';
import type { LlmActivities, StoreActivities } from '../activities';
import type { createPolicyActivities } from '../activities/policy';
import type { WorkerActivities } from '../activities/workers';
import { TASK_QUEUES, type TaskQueueNames } from '../core/task-queues';

type ExecActivities = ReturnType<typeof createExecActivities>;
type PolicyActivities = ReturnType<typeof createPolicyActivities>;

export function activityProfiles(queues: TaskQueueNames = TASK_QUEUES) {
  return {
    /**
     * LLM calls. One attempt may be two vendor calls (the answer and one repair prompt), each bounded by
     * the provider's own timeout; a malformed answer gets three attempts, then the caller fails with
     * llm_failed. Rate limits retry after the vendor's Retry-After.
     */
    llm: proxyActivities<LlmActivities>({
      taskQueue: queues.llm,
      startToCloseTimeout: '6 minutes',
      retry: { maximumAttempts: 3, initialInterval: '1 second', nonRetryableErrorTypes: ['llm_auth_failed', 'llm_invalid_request', 'invalid_input', 'budget_exceeded'] },
    }),
    /** Projection writes: idempotent, so they retry until the database is back. */
    store: proxyActivities<StoreActivities>({
      taskQueue: queues.workflows,
      startToCloseTimeout: '30 seconds',
      retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
    }),
    /** The worker registry (which online worker a pin resolves to, who ran a command): DB reads and writes beside the store. */
    workers: proxyActivities<WorkerActivities>({
      taskQueue: queues.workflows,
      startToCloseTimeout: '30 seconds',
      retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
    }),
    /** Risk classification is a pure, fast parse: a local activity, so its verdict is recorded in history. */
    policy: proxyLocalActivities<PolicyActivities>({ startToCloseTimeout: '10 seconds' }),
    /**
     * Shell commands. The heartbeat timeout is what notices a dead worker: the command is then retried
     * on another worker. WAIT_CANCELLATION_COMPLETED so a cancelled task moves on only once the process
     * tree is gone.
     */
    shell: (timeoutSeconds: number) =>
      proxyActivities<ExecActivities>({
        taskQueue: queues.exec,
        startToCloseTimeout: `${timeoutSeconds + 60} seconds`,
        heartbeatTimeout: '10 seconds',
        cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
        retry: { maximumAttempts: 3, initialInterval: '1 second', nonRetryableErrorTypes: ['sandbox_unavailable', 'invalid_input'] },
      }),
    /**
     * A pinned task's command, on the chosen worker's own queue. One attempt only: a lost worker is the
     * workflow's decision (wait for that worker, visibly, then run again), not a blind retry on a queue
     * nobody may be polling. The heartbeat timeout is short so a dead worker is noticed quickly, and a
     * command nobody picks up within the schedule-to-start timeout means the worker went away too.
     */
    pinnedShell: (taskQueue: string, timeoutSeconds: number) =>
      proxyActivities<ExecActivities>({
        taskQueue,
        scheduleToStartTimeout: '1 minute',
        startToCloseTimeout: `${timeoutSeconds + 60} seconds`,
        heartbeatTimeout: '5 seconds',
        cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
        retry: { maximumAttempts: 1 },
      }),
  };
}

export type ActivityProfiles = ReturnType<typeof activityProfiles>;
