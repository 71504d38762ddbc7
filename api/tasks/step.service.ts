/**
 * One manual agent step of a manual task: propose (the agent's next command and its policy risk,
 * nothing runs) and execute (ONE given command in the task's workspace on an execution worker).
 * Both are short workflows — the API neither calls an LLM nor runs a command itself — and a task
 * whose own workflow is running is left alone (409 invalid_transition), so two agents never share it.
 */
import { randomUUID } from 'node:crypto';
import { splitStreams } from '../../core/output-streams';
import { manualStepWorkflowId, proposeStepWorkflowId } from '../../core/task-queues';
import type { ManualStepInput, ManualStepResult, ProposeManualStepResult } from '../../core/manual-steps';
import type { TaskStatus } from '../../core/statuses';
import { holdTaskForStep, releaseStepHold, type TaskRow } from '../../db/queries/tasks';
import type { Principal } from '../auth/principal';
import type { ApiContext } from '../context';
import { ConflictError } from '../errors/domain-errors';
import { llmWaitMs } from '../planner/planner-settings.service';
import { workflowFailure } from '../planner/workflow-failure';
import { readStepLog } from './step-history';
import type { ExecuteStepBody } from './step.schemas';
import { findTaskRow } from './task.presenter';

/** Statuses in which the task's own workflow acts on it. */
const RUNNING: readonly TaskStatus[] = ['assigned', 'proposing', 'waiting_approval', 'in_progress'];
/** Manual steps are numbered above any agent loop's steps, so their live output lines never share a key. */
const MANUAL_STEP_BASE = 1000;

/** A manual task no workflow runs; a proposal may be asked while a manual step runs, another step may not. */
async function manualTask(app: ApiContext, id: string, purpose: 'propose' | 'execute'): Promise<TaskRow> {
  const row = await findTaskRow(app, id);
  if (row.origin !== 'manual') {
    throw new ConflictError('not_manual_task', `Task ${id} belongs to a goal's plan; its goal runs it`, { origin: row.origin });
  }
  const stepHolds = row.status === 'in_progress' && row.workflowId === manualStepWorkflowId(row.id);
  if (stepHolds && purpose === 'execute') {
    throw new ConflictError('step_in_progress', `A step of task ${id} is already running; try again when it has finished`, { currentStatus: row.status });
  }
  if (RUNNING.includes(row.status) && !stepHolds) {
    throw new ConflictError('invalid_transition', `Task ${id} is being run by its workflow (status ${row.status})`, { currentStatus: row.status });
  }
  return row;
}

const needsApproval = (app: ApiContext, risk: string) => {
  const policy = app.config.defaults.task.approvalPolicy;
  return policy === 'always' || (policy === 'high_risk' && risk === 'high');
};

export async function proposeStep(app: ApiContext, id: string) {
  const row = await manualTask(app, id, 'propose');
  const { history } = await readStepLog(app, row.id);
  let result: ProposeManualStepResult;
  try {
    result = await app.temporal.workflow.execute('proposeManualStepWorkflow', {
      workflowId: proposeStepWorkflowId(row.id, randomUUID()),
      taskQueue: app.config.taskQueues.workflows,
      args: [{
        queues: app.config.taskQueues, taskId: row.id, goalId: row.goalId, teamId: row.teamId ?? undefined, goal: row.description,
        title: row.title, description: row.description, history, stepsLeft: Math.max(1, app.config.defaults.task.maxSteps - history.length),
      }],
      workflowExecutionTimeout: await llmWaitMs(app),
    });
  } catch (err) {
    throw workflowFailure(err, { what: 'The step proposal', timeoutCode: 'propose_timeout' });
  }
  const { step, risk, usage } = result;
  if (step.kind === 'done') return { taskId: row.id, kind: 'done' as const, success: step.success, summary: step.summary, usage };
  return {
    taskId: row.id, kind: 'command' as const, command: step.command, rationale: step.reasoning,
    risk: risk?.risk, riskReasons: risk?.reasons ?? [], needsApproval: risk ? needsApproval(app, risk.risk) : undefined, usage,
  };
}

export async function executeStep(app: ApiContext, principal: Principal, id: string, body: ExecuteStepBody) {
  const row = await manualTask(app, id, 'execute');
  const { manualSteps } = await readStepLog(app, row.id);
  const stepIndex = MANUAL_STEP_BASE + manualSteps + 1;
  const task = app.config.defaults.task;
  const input: ManualStepInput = {
    queues: app.config.taskQueues, taskId: row.id, goalId: row.goalId,
    stepId: `m${stepIndex}-${randomUUID().slice(0, 8)}`, stepIndex, command: body.command,
    approvalPolicy: task.approvalPolicy,
    // Only the roles that may approve a pending step may approve one beforehand.
    approved: body.approve && (principal.role === 'admin' || principal.role === 'operator'),
    by: principal.username, allowNetwork: task.allowNetwork, timeoutSeconds: task.commandTimeoutSeconds, outputCapBytes: task.outputCapBytes,
  };
  // The step holds the row while it runs (in_progress under the step's workflow id), claimed on the
  // status it was read with, so an autopilot pass claiming the same todo task in the same instant, or
  // an intervention, cannot also act on it: whoever moves the row first wins, the other backs off.
  const stepWorkflowId = manualStepWorkflowId(row.id);
  if (!(await holdTaskForStep(app.db, row.id, { status: row.status, workflowId: row.workflowId }, stepWorkflowId))) {
    const current = (await findTaskRow(app, row.id)).status;
    if (current === 'in_progress') throw new ConflictError('step_in_progress', `A step of task ${row.id} is already running; try again when it has finished`, { currentStatus: current });
    throw new ConflictError('invalid_transition', `Task ${row.id} changed while the step was prepared (status ${current})`, { currentStatus: current });
  }
  let result: ManualStepResult;
  try {
    result = await app.temporal.workflow.execute('manualStepWorkflow', {
      workflowId: stepWorkflowId,
      taskQueue: app.config.taskQueues.workflows,
      args: [input],
      // The command's own timeout, plus time to reach a worker and write the log.
      workflowExecutionTimeout: (task.commandTimeoutSeconds + 120) * 1000,
    });
  } catch (err) {
    throw workflowFailure(err, { what: 'The step', timeoutCode: 'step_timeout', busyCode: 'step_in_progress', failedCode: 'step_failed' });
  } finally {
    await releaseStepHold(app.db, row.id, stepWorkflowId, { status: row.status, workflowId: row.workflowId });
  }
  const { stdout, stderr } = splitStreams(result.output, result.stderrRanges);
  return {
    taskId: row.id, command: body.command, exitCode: result.exitCode, stdout, stderr, truncated: result.truncated,
    timedOut: result.timedOut, durationMs: result.durationMs, risk: result.risk.risk, riskReasons: result.risk.reasons,
  };
}
