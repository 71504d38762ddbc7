/**
 * Goal workflow, one per goal (id `goal-<goalId>`): plan → validate the plan as a DAG → run subtasks as
 * child task workflows as their dependencies complete, at most maxConcurrency at a time → after each
 * completed subtask look for follow-ups and add the accepted ones → finish `completed` when every
 * subtask is terminal and none failed, else `failed` with the reason. Before the history grows too
 * large it drains running children and continues as new, carrying its state.
 */
import {
  ApplicationFailure, CancellationScope, ChildWorkflowCancellationType, ContinueAsNew, allHandlersFinished, condition,
  continueAsNew, executeChild, getExternalWorkflowHandle, isCancellation, patched, upsertSearchAttributes, workflowInfo,
} from '@temporalio/workflow';
import { budgetShortfall, estimateCall } from '../core/budget-estimate';
import { STATUS_ATTR } from '../core/search-attributes';
import type { GoalStatus } from '../core/statuses';
import { TASK_QUEUES, taskWorkflowId } from '../core/task-queues';
import type { ErrorInfo, GoalInput, GoalState, SubtaskState } from '../core/types';
import { addUsage } from '../core/usage';
import { activityProfiles } from './activity-profiles';
import { passBudgetGate } from './budget-wait';
import { describeFailure } from './describe-failure';
import { acceptFollowups } from './followups';
import { installGoalHandlers } from './goal-handlers';
import { GoalRun } from './goal-run';
import { validatePlan } from './plan-validation';
import { taskWorkflow } from './task';

export async function goalWorkflow(input: GoalInput): Promise<GoalState> {
  const { llm, store } = activityProfiles(input.queues);
  const run = new GoalRun(input);
  const { state } = run;
  const running = new Map<string, Promise<void>>();
  let finishedThisRun = 0;
  const runningTasks = () => [...running.keys()].map((id) => getExternalWorkflowHandle(taskWorkflowId(run.find(id)!.taskId, run.find(id)!.attempt)));
  // Goals started by this code check the budget before each LLM call (their own and their tasks');
  // goals already running when it was deployed replay their history without the checks.
  const budgetChecks = patched('budget-precheck');
  // Goals started by this code pass their external updates (a tracked issue edited) to the LLM: the
  // follow-up detection and their subtasks' proposals see them. Older goals replay without.
  run.newsInPrompts = patched('external-updates-in-prompts');

  installGoalHandlers(run, runningTasks);

  const syncStatus = async (status: GoalStatus = run.liveStatus()) => {
    if (state.status === status && state.runs > 0 && status !== 'planning') return;
    state.status = status;
    upsertSearchAttributes([{ key: STATUS_ATTR, value: status }]);
    await store.recordGoal({ goalId: state.goalId, status, usage: state.usage, error: state.error ?? null });
  };
  const recordSubtask = (s: SubtaskState) => CancellationScope.nonCancellable(() => store.recordTask(run.taskRecord(s)));

  const runSubtask = async (s: SubtaskState): Promise<void> => {
    s.status = 'assigned';
    await recordSubtask(s);
    try {
      const result = await executeChild(taskWorkflow, {
        workflowId: taskWorkflowId(s.taskId, s.attempt),
        taskQueue: input.queues?.workflows ?? TASK_QUEUES.workflows,
        // Wait for the task to finish cancelling, so its command's process tree is gone before we move on.
        cancellationType: ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED,
        args: [run.taskInput(s, workflowInfo().workflowId, budgetChecks)],
      });
      Object.assign(s, { status: result.status, error: result.error, usage: result.usage, pendingBudget: undefined });
      state.usage = addUsage(state.usage, result.usage);
      if (result.status === 'completed' && input.autopilot) await findFollowups(s, result.lastOutput, result.verdict?.summary);
    } catch (err) {
      s.status = isCancellation(err) ? 'cancelled' : 'failed';
      s.error = s.status === 'cancelled' ? { code: 'cancelled', detail: 'the task was cancelled' } : describeFailure(err);
    }
    await recordSubtask(s);
  };

  /** Before the goal's own LLM call: wait in waiting_approval while it would exceed the budget. */
  const budgetGate = (callInput: unknown, what: string): Promise<ErrorInfo | undefined> => {
    if (!budgetChecks) return Promise.resolve(undefined);
    return passBudgetGate({
      shortfall: () => budgetShortfall(run.limits, state.usage, estimateCall({ inputChars: JSON.stringify(callInput).length, lastCall: run.lastCall, usdPerTokenHint: input.usdPerTokenHint }), what),
      raises: () => run.budgetRaises,
      timeoutMs: input.task.approvalTimeoutSeconds * 1000,
      team: input,
      waiting: async (shortfall) => {
        state.pendingBudget = shortfall;
        await syncStatus('waiting_approval');
      },
      decided: async (raised) => {
        state.pendingBudget = undefined;
        if (raised) await syncStatus();
      },
    });
  };

  /** The budget is spent and nobody raised it: start nothing more, and end `failed` with the reason. */
  const stopForBudget = async (error: ErrorInfo) => {
    state.error = error;
    run.draining = true;
    run.dirty = true;
    for (const s of state.subtasks.filter((x) => x.status === 'todo')) {
      Object.assign(s, { status: 'cancelled', error: state.error });
      await recordSubtask(s);
    }
  };

  const findFollowups = async (s: SubtaskState, lastOutput?: string, summary?: string) => {
    try {
      const followupInput = {
        goalId: state.goalId, teamId: input.teamId, goal: run.goalForPrompts(), existing: state.subtasks.map((x) => x.title),
        task: { taskId: s.taskId, title: s.title, description: s.description, summary, lastOutput },
      };
      const shortfall = await budgetGate(followupInput, `follow-up detection after ${s.id}`);
      if (shortfall) {
        if (!state.error) await stopForBudget(shortfall);
        return;
      }
      const found = await llm.detectFollowups(followupInput);
      state.usage = addUsage(state.usage, found.usage);
      run.lastCall = found.usage;
      const decision = acceptFollowups(found.followups, state.subtasks, s.depth, input.budget);
      for (const added of run.addFollowups(s, decision.accepted)) await recordSubtask(added);
      if (found.followups.length > 0) {
        await store.recordTaskEvent({
          taskId: s.taskId, goalId: state.goalId, key: `a${s.attempt}-followups`, type: 'followups',
          message: `${decision.accepted.length} follow-up(s) added, ${decision.skipped.length} skipped`, data: { ...decision },
        });
      }
    } catch (err) {
      if (isCancellation(err)) throw err;
      const failure = describeFailure(err);
      await store.recordTaskEvent({ taskId: s.taskId, goalId: state.goalId, key: `a${s.attempt}-followups`, type: 'error', message: `follow-up detection failed: ${failure.detail}`, data: { ...failure } });
    }
  };

  try {
    if (state.plan.length === 0) {
      await syncStatus('planning');
      let plan = input.plan;
      if (!plan) {
        const planInput = { goalId: state.goalId, teamId: input.teamId, goal: state.goal, context: input.context, maxSubtasks: input.budget.maxSubtasks };
        const shortfall = await budgetGate(planInput, 'planning');
        if (shortfall) throw ApplicationFailure.nonRetryable(shortfall.detail, shortfall.code);
        const planned = await llm.planGoal(planInput);
        state.usage = addUsage(state.usage, planned.usage);
        run.lastCall = planned.usage;
        plan = planned.subtasks;
      }
      const problem = validatePlan(plan, input.budget.maxSubtasks);
      if (problem) throw ApplicationFailure.nonRetryable(problem.detail, problem.code);
      run.addPlanned(plan);
      await store.recordGoal({ goalId: state.goalId, plan, usage: state.usage });
      for (const s of state.subtasks) await recordSubtask(s);
    }
    for (;;) {
      for (const s of run.cancelUnreachable()) await recordSubtask(s);
      if (!state.error && run.overBudget()) {
        await stopForBudget({ code: 'budget_exceeded', detail: `usage ${state.usage.tokens} tokens / $${state.usage.costUsd} is over the goal's budget` });
      }
      if (!run.paused && !run.draining) {
        for (const s of run.ready().slice(0, Math.max(0, input.maxConcurrency - running.size))) {
          running.set(s.id, runSubtask(s).finally(() => {
            running.delete(s.id);
            finishedThisRun += 1;
            run.dirty = true;
          }));
        }
      }
      if (running.size === 0 && run.allTerminal()) break;
      if (running.size === 0 && run.draining && !state.error) {
        await condition(allHandlersFinished);
        await continueAsNew<typeof goalWorkflow>({ ...input, plan: undefined, carried: { ...state, runs: state.runs + 1 } });
      }
      await syncStatus();
      run.dirty = false;
      await condition(() => run.dirty);
      const runFull = input.subtasksPerRun !== undefined && finishedThisRun >= input.subtasksPerRun;
      if (workflowInfo().continueAsNewSuggested || runFull) run.draining = true;
    }
    const failed = state.subtasks.filter((s) => s.status !== 'completed');
    if (failed.length > 0 && !state.error) {
      const first = failed[0];
      state.error = { code: first.error?.code ?? 'subtask_failed', detail: `${failed.length} subtask(s) did not complete; first: ${first.id} (${first.status}): ${first.error?.detail ?? ''}` };
    }
    await syncStatus(state.error ? 'failed' : 'completed');
  } catch (err) {
    if (err instanceof ContinueAsNew) throw err; // not a failure: the next run carries on
    await CancellationScope.nonCancellable(async () => {
      await Promise.allSettled(running.values());
      if (isCancellation(err)) {
        for (const s of state.subtasks.filter((x) => x.status === 'todo')) {
          s.status = 'cancelled';
          await recordSubtask(s);
        }
        await syncStatus('cancelled');
      } else {
        state.error = describeFailure(err);
        await syncStatus('failed');
      }
    });
  }
  return state;
}
