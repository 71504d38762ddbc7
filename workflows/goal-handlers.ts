/**
 * The goal's message handlers: its state query, the subtask status and external update signals, and
 * the pause/resume/retry/raise-budget Updates (validated before they reach history). Pause, resume and
 * a budget raise are passed on to the running task children, which hold their own copy of that state.
 */
import { setHandler, type ExternalWorkflowHandle } from '@temporalio/workflow';
import {
  externalUpdateSignal, goalBudgetSignal, goalStateQuery, pauseGoalUpdate, raiseBudgetUpdate, resumeGoalUpdate, retrySubtaskUpdate, subtaskStatusSignal, taskControlSignal,
} from '../core/messages';
import type { GoalRun } from './goal-run';
import { goalUpdatesSignal } from './goal-updates';

export function installGoalHandlers(run: GoalRun, runningTasks: () => ExternalWorkflowHandle[]): void {
  const { state } = run;
  const signalRunning = (action: 'pause' | 'resume') =>
    Promise.all(runningTasks().map((task) => task.signal(taskControlSignal, action).catch(() => undefined)));

  setHandler(goalStateQuery, () => run.view());
  setHandler(subtaskStatusSignal, (notice) => run.onSubtaskStatus(notice));
  setHandler(externalUpdateSignal, async (update) => {
    run.onExternalUpdate(update);
    // Running subtasks hold the news they started with: send them the new list for their next proposal.
    const news = run.news();
    if (news) await Promise.all(runningTasks().map((task) => task.signal(goalUpdatesSignal, news).catch(() => undefined)));
  });
  setHandler(pauseGoalUpdate, async () => {
    run.paused = true;
    run.dirty = true;
    await signalRunning('pause');
    return { ...state, status: run.liveStatus() };
  }, { validator: () => run.validatePause() });
  setHandler(resumeGoalUpdate, async () => {
    run.paused = false;
    run.dirty = true;
    await signalRunning('resume');
    return { ...state, status: run.liveStatus() };
  }, { validator: () => run.validateResume() });
  setHandler(retrySubtaskUpdate, ({ subtaskId }) => {
    run.retry(subtaskId);
    return { ...state, status: run.liveStatus() };
  }, { validator: ({ subtaskId }) => run.validateRetry(subtaskId) });
  setHandler(raiseBudgetUpdate, async (raise) => {
    run.raiseBudget(raise);
    // Tasks hold a copy of the limits (they do not query their goal), so each running one hears of it.
    await Promise.all(runningTasks().map((task) => task.signal(goalBudgetSignal, run.limits).catch(() => undefined)));
    return run.view();
  }, { validator: (raise) => run.validateRaise(raise) });
}
