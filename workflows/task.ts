/**
 * Task workflow: one subtask's agent loop, up to maxSteps. Each step: the LLM proposes a command (or
 * says done) → the command's risk is classified → when the policy asks, a person approves or rejects
 * it through an Update, and a timeout becomes an explicit decision → the command runs sandboxed on
 * an exec worker (a pinned task's on a matching registered worker, waiting while none is online) → its
 * output goes back into the next proposal. The final status follows the last exit code and the LLM's verdict.
 */
import {
  CancellationScope, condition, isCancellation, patched, setHandler,
} from '@temporalio/workflow';
import {
  approveStepUpdate, goalBudgetSignal, pauseTaskUpdate, resumeTaskUpdate, taskControlSignal, taskStateQuery,
} from '../core/messages';
import type { ApprovalDecision, ProposeStepInput, StepHistoryItem, StepRecord, TaskInput, TaskResult } from '../core/types';
import { addUsage } from '../core/usage';
import { activityProfiles } from './activity-profiles';
import { passBudgetGate } from './budget-wait';
import { runPinnedCommand } from './pinned-command';
import { describeFailure } from './describe-failure';
import { goalUpdatesSignal, goalWithUpdates, type GoalNews } from './goal-updates';
import { TaskRun } from './task-run';

export async function taskWorkflow(input: TaskInput & GoalNews): Promise<TaskResult> {
  const profiles = activityProfiles(input.queues);
  const { llm, policy, shell, store, workers } = profiles;
  const run = new TaskRun(input, store);
  const state = run.state;
  setHandler(taskStateQuery, () => state);
  setHandler(approveStepUpdate, (args) => run.approve(args), { validator: (args) => run.validateApprove(args) });
  setHandler(pauseTaskUpdate, () => { run.paused = true; return state; }, { validator: () => run.validatePause() });
  setHandler(resumeTaskUpdate, () => { run.paused = false; return state; }, { validator: () => run.validateResume() });
  setHandler(taskControlSignal, (action) => { run.paused = action === 'pause'; });
  setHandler(goalBudgetSignal, (raise) => run.onBudgetRaised(raise));
  // The goal's outside news (a tracked issue edited), as known at the start and as the goal forwards it:
  // the proposals see it. Tasks whose goal sends none (older goals, standalone tasks) prompt as before.
  let news = input.externalUpdates;
  setHandler(goalUpdatesSignal, (updates) => { news = updates; });
  // Tasks started by this code check the goal's budget before each proposal (new commands when a
  // check waits); tasks already running when it was deployed replay their history without the checks.
  const budgetChecks = patched('budget-precheck');
  // Tasks started by this code honour their pin (commands on a matching worker's own queue, waiting
  // while none is online) and record which worker ran each command; older histories replay without.
  const pinning = patched('worker-pinning');
  const pin = pinning && (input.pin?.workerId || input.pin?.capabilities?.length) ? input.pin : undefined;
  let agent: string | undefined;

  /**
   * Before a proposal that would exceed the goal's budget, wait in waiting_approval; the goal owns the
   * raiseBudget Update and forwards a raise here as goalBudgetSignal.
   */
  const budgetGate = (index: number, callInput: ProposeStepInput) => passBudgetGate({
    shortfall: () => run.budgetShortfall(callInput),
    raises: () => run.budgetRaises,
    timeoutMs: settings.approvalTimeoutSeconds * 1000,
    team: input,
    waiting: async (shortfall, asked) => {
      state.pendingBudget = shortfall;
      await run.setStatus('waiting_approval');
      await run.event(`s${index}-budget-${asked}-requested`, 'approval_requested', shortfall.detail, { ...shortfall });
    },
    decided: async (raised, asked) => {
      state.pendingBudget = undefined;
      await run.event(`s${index}-budget-${asked}-decided`, 'approval_decided', raised ? 'budget raised' : `budget not raised within ${settings.approvalTimeoutSeconds}s`, { raised });
    },
  });

  const { settings } = input;
  const exec = shell(settings.commandTimeoutSeconds);
  const history: StepHistoryItem[] = [];
  try {
    for (let index = 1; index <= settings.maxSteps && !state.verdict; index++) {
      if (run.paused) {
        await run.setStatus('paused');
        await condition(() => !run.paused);
      }
      const proposeInput: ProposeStepInput = {
        taskId: input.taskId, goalId: input.goalId, teamId: input.teamId, goal: goalWithUpdates(input.goal, news), title: input.title,
        description: input.description, history, stepsLeft: settings.maxSteps - index + 1,
      };
      const shortfall = budgetChecks ? await budgetGate(index, proposeInput) : undefined;
      if (shortfall) {
        state.error = shortfall;
        break;
      }
      await run.setStatus('proposing');
      const proposal = await llm.proposeStep(proposeInput);
      state.usage = addUsage(state.usage, proposal.usage);
      run.lastCall = proposal.usage;
      if (proposal.step.kind === 'done') {
        state.verdict = { success: proposal.step.success, summary: proposal.step.summary };
        await run.event(`s${index}-verdict`, 'verdict', proposal.step.summary, { success: proposal.step.success });
        break;
      }
      const { command, reasoning } = proposal.step;
      const risk = await policy.classifyCommand({ command });
      const step: StepRecord = { index, reasoning, command, risk: risk.risk, riskReasons: risk.reasons };
      state.steps.push(step);
      await run.event(`s${index}-proposed`, 'step_proposed', `$ ${command}`, { reasoning, risk: risk.risk, reasons: risk.reasons });

      const needsApproval = settings.approvalPolicy === 'always' || (settings.approvalPolicy === 'high_risk' && risk.risk === 'high');
      if (needsApproval) {
        run.requestApproval({ stepIndex: index, command, risk: risk.risk, riskReasons: risk.reasons });
        await run.setStatus('waiting_approval');
        await run.event(`s${index}-approval-requested`, 'approval_requested', `approval needed (${risk.risk} risk): ${command}`, { reasons: risk.reasons });
        const answered = await condition(() => run.decision !== undefined, settings.approvalTimeoutSeconds * 1000);
        const decision: ApprovalDecision = answered ? run.decision!.decision : settings.approvalTimeoutDecision;
        step.approval ??= { decision, by: 'timeout', comment: `no answer within ${settings.approvalTimeoutSeconds}s` };
        state.pendingApproval = undefined;
        await run.event(`s${index}-approval-decided`, 'approval_decided', `${decision} (${step.approval.by})`, step.approval);
        if (decision === 'reject') {
          history.push({ command, rejected: true });
          continue;
        }
      }

      const commandInput = {
        taskId: input.taskId, goalId: input.goalId, stepIndex: index, command, allowNetwork: settings.allowNetwork,
        timeoutSeconds: settings.commandTimeoutSeconds, outputCapBytes: settings.outputCapBytes,
      };
      let result;
      if (pin) {
        result = await runPinnedCommand({ pin, run, profiles, command: commandInput });
      } else {
        await run.setStatus('in_progress');
        result = await exec.runCommand(commandInput);
      }
      Object.assign(step, { exitCode: result.exitCode, timedOut: result.timedOut, truncated: result.truncated, output: result.output });
      history.push({ command, exitCode: result.exitCode, output: result.output.slice(-8000) });
      if (pinning && result.worker && result.worker !== agent) {
        agent = result.worker;
        await workers.recordTaskAgent({ taskId: input.taskId, agent });
      }
      await run.event(`s${index}-finished`, 'command_finished', `exit ${result.exitCode}${result.timedOut ? ' (timed out)' : ''}`, {
        exitCode: result.exitCode, output: result.output, stderrRanges: result.stderrRanges, truncated: result.truncated, lostAttempts: result.lostAttempts, durationMs: result.durationMs,
        ...(pinning && result.worker ? { worker: result.worker } : {}),
      });
    }
    const last = state.steps.filter((s) => s.exitCode !== undefined).at(-1);
    if (!state.verdict && !state.error) state.error = { code: 'max_steps_reached', detail: `no verdict after ${settings.maxSteps} steps` };
    const succeeded = state.verdict?.success === true && (last === undefined || last.exitCode === 0);
    if (!succeeded && !state.error) state.error = { code: 'task_failed', detail: state.verdict?.summary ?? 'the task did not succeed' };
    await run.setStatus(succeeded ? 'completed' : 'failed');
  } catch (err) {
    if (isCancellation(err)) {
      await CancellationScope.nonCancellable(() => run.setStatus('cancelled'));
      throw err;
    }
    state.error = describeFailure(err);
    await run.setStatus('failed');
  }
  const last = state.steps.filter((s) => s.exitCode !== undefined).at(-1);
  return {
    taskId: input.taskId, status: state.status, steps: state.steps.length, lastExitCode: last?.exitCode,
    lastOutput: last?.output?.slice(-4000), verdict: state.verdict, usage: state.usage, error: state.error,
  };
}
