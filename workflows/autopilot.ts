/**
 * Autopilot workflow, one per team or one global (id `autopilot-<teamId|global>`): on every tick, and
 * whenever a task it runs finishes, it asks the store for manual `todo` tasks (created by hand, by a
 * webhook or a Scrum setup: work no goal schedules) whose dependencies have completed, claims up to
 * maxConcurrency of them and runs each as a child task workflow with the approval policy of its
 * security level (and the row's pin). stop lets the tasks in flight finish, then ends the workflow.
 * Before its history grows too large it drains the tasks in flight and continues as new, carrying its
 * state. Workers that fail repeatedly get their circuit opened (autopilot-circuits.ts).
 */
import {
  CancellationScope, ChildWorkflowCancellationType, ContinueAsNew, allHandlersFinished,
  condition, continueAsNew, executeChild, isCancellation, patched, proxyActivities, setHandler, workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { AutopilotActivities } from '../activities/autopilot';
import type { RunnableTask } from '../activities/autopilot/autopilot-activities';
import {
  APPROVAL_POLICY_OF, AUTOPILOT_LIMITS, autopilotStatusQuery, resetCircuitsUpdate, startAutopilotUpdate, stopAutopilotUpdate, tickAutopilotUpdate,
  type AutopilotInput, type AutopilotState, type FinishedTask,
} from '../core/autopilot-messages';
import type { WorkerPin } from '../core/types';
import { CircuitBook } from './autopilot-circuits';
import { TASK_QUEUES, taskWorkflowId } from '../core/task-queues';
import { AutopilotRun } from './autopilot-run';
import { describeFailure } from './describe-failure';
import { taskWorkflow } from './task';

export async function autopilotWorkflow(input: AutopilotInput): Promise<AutopilotState> {
  const queues = input.queues ?? TASK_QUEUES;
  /** Store reads and writes: idempotent (the claim is conditional), so they retry until the database is back. */
  const autopilot = proxyActivities<AutopilotActivities>({
    taskQueue: queues.workflows,
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
  });
  const run = new AutopilotRun(input);
  const { state } = run;
  const running = new Map<string, Promise<void>>();
  const tickMs = (input.tickSeconds ?? AUTOPILOT_LIMITS.defaultTickSeconds) * 1000;
  const now = () => new Date().toISOString();
  /** Circuit breakers, on from the 'autopilot-circuits' patch (autopilots started before it replay without). */
  let book: CircuitBook | undefined;
  const circuits = (): CircuitBook | undefined => {
    if (!book && patched('autopilot-circuits')) book = new CircuitBook(state);
    return book;
  };

  setHandler(autopilotStatusQuery, () => state);
  setHandler(startAutopilotUpdate, (args) => run.start(args ?? {}), { validator: (args) => run.validateStart(args) });
  setHandler(stopAutopilotUpdate, () => run.stop());
  setHandler(resetCircuitsUpdate, (args) => {
    circuits()?.reset(args?.worker);
    delete state.heldUntil;
    run.dirty = true;
    return state;
  });
  // Answers after the next look for tasks, so the caller sees what that look started.
  setHandler(tickAutopilotUpdate, async () => {
    const before = run.passes;
    run.dirty = true;
    await condition(() => run.passes > before || run.draining || run.stopping);
    return state;
  }, { validator: () => run.validateTick() });

  const pinOf = (row: RunnableTask): WorkerPin | undefined =>
    row.pinnedWorkerId || row.requiredCapabilities?.length
      ? { ...(row.pinnedWorkerId ? { workerId: row.pinnedWorkerId } : {}), ...(row.requiredCapabilities?.length ? { capabilities: row.requiredCapabilities } : {}) }
      : undefined;

  const runTask = async (row: RunnableTask, workflowId: string): Promise<void> => {
    let finished: FinishedTask;
    // Who ran it: old runs' recorded results name the worker only (agent); newer ones add its registered
    // id, the key a pin is checked against, so the circuit that opens is the one pinned tasks consult.
    // Replay reads the recorded result, so an old run keys its circuits as it did.
    let ranBy: { agent: string | null; workerId?: string | null } | undefined;
    try {
      const result = await executeChild(taskWorkflow, {
        workflowId,
        taskQueue: queues.workflows,
        // Wait for the task to finish cancelling, so its command's process tree is gone before we move on.
        cancellationType: ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED,
        args: [{
          queues: input.queues, taskId: row.id, goalId: row.goalId, teamId: row.teamId ?? undefined,
          goal: row.title, title: row.title, description: row.description,
          settings: { ...input.task, approvalPolicy: APPROVAL_POLICY_OF[state.securityLevel] },
          pin: pinOf(row),
        }],
      });
      finished = { taskId: row.id, status: result.status, finishedAt: now(), error: result.error };
      ranBy = await CancellationScope.nonCancellable(() => autopilot.markTaskStatus({
        taskId: row.id, status: result.status, error: result.error ?? null, usage: result.usage, verdict: result.verdict ?? null,
      }));
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) {
        run.forget(row.id); // another autopilot claimed and started it in the same instant: not ours to record
        return;
      }
      const cancelled = isCancellation(err);
      const error = cancelled ? { code: 'cancelled', detail: 'the task was cancelled' } : describeFailure(err);
      finished = { taskId: row.id, status: cancelled ? 'cancelled' : 'failed', finishedAt: now(), error };
      ranBy = await CancellationScope.nonCancellable(() => autopilot.markTaskStatus({ taskId: row.id, status: finished.status, error }));
    }
    circuits()?.record(CircuitBook.workerOf(ranBy?.workerId ?? ranBy?.agent, row.pinnedWorkerId), finished.status, Date.parse(finished.finishedAt));
    run.onFinished(finished);
  };

  /** One look for runnable tasks: claim each (so no other autopilot takes it), then start it. */
  const pass = async (): Promise<void> => {
    const nowMs = Date.parse(now());
    const held = circuits()?.heldUntil(nowMs);
    if (held !== undefined) state.heldUntil = new Date(held).toISOString();
    else delete state.heldUntil;
    const free = held === undefined ? run.freeSlots() : 0;
    const skipPinnedTo = circuits()?.openWorkers(nowMs) ?? [];
    const rows = free > 0 ? await autopilot.listRunnableTasks({ teamId: input.teamId, limit: free, ...(skipPinnedTo.length ? { skipPinnedTo } : {}) }) : [];
    for (const row of rows) {
      if (run.stopping || run.freeSlots() === 0) break;
      if (row.pinnedWorkerId && circuits()?.isOpen(row.pinnedWorkerId, nowMs)) continue; // its worker keeps failing: wait
      const attempt = Math.max(1, row.attempt);
      const workflowId = taskWorkflowId(row.id, attempt);
      if (!(await autopilot.claimTask({ taskId: row.id, workflowId, attempt }))) continue;
      run.onStarted(row.id, workflowId, now());
      running.set(row.id, runTask(row, workflowId).finally(() => running.delete(row.id)));
    }
    run.passes += 1;
    state.ticks += 1;
    state.lastTickAt = now();
  };

  try {
    for (;;) {
      // A task that finishes while a pass awaits the store must wake the next pass: the flag is cleared
      // before the pass, not after it (where that finish was lost until the next tick).
      const wakeBeforePass = patched('autopilot-wake-before-pass');
      if (wakeBeforePass) run.dirty = false;
      if (!run.stopping && !run.draining) await pass();
      if (run.stopping && running.size === 0) break;
      if (run.draining && running.size === 0) {
        await condition(allHandlersFinished);
        await continueAsNew<typeof autopilotWorkflow>({ ...input, maxConcurrency: state.maxConcurrency, securityLevel: state.securityLevel, carried: state });
      }
      if (!wakeBeforePass) run.dirty = false;
      // Held by open circuits: look again when the first one closes, if that comes before the next tick.
      const heldMs = state.heldUntil ? Date.parse(state.heldUntil) - Date.parse(now()) : undefined;
      await condition(() => run.dirty, heldMs !== undefined && heldMs < tickMs ? Math.max(1, heldMs) : tickMs);
      const runFull = input.ticksPerRun !== undefined && run.passes >= input.ticksPerRun;
      if (workflowInfo().continueAsNewSuggested || runFull) run.draining = true;
    }
    state.status = 'stopped';
    await condition(allHandlersFinished);
  } catch (err) {
    if (err instanceof ContinueAsNew) throw err; // not a failure: the next run carries on
    // Cancelled (or failed): the children are cancelled with this scope; wait until each has recorded its end.
    await CancellationScope.nonCancellable(() => Promise.allSettled(running.values()));
    state.status = 'stopped';
    throw err;
  }
  return state;
}
