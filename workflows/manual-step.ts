/**
 * A task's manual agent step, one short workflow per request: `proposeManualStepWorkflow` asks the
 * agent for the next command and has the policy classify it, running nothing; `manualStepWorkflow`
 * runs ONE given command in the task's workspace on an execution worker, after the same policy check
 * the agent loop applies, and writes it to the task's log like any step.
 */
import { ApplicationFailure } from '@temporalio/workflow';
import type { ManualStepInput, ManualStepResult, ProposeManualStepInput, ProposeManualStepResult } from '../core/manual-steps';
import { activityProfiles } from './activity-profiles';
import { describeFailure } from './describe-failure';
import { refuseOverTeamBudget } from './short-call-team-budget';

export async function proposeManualStepWorkflow(input: ProposeManualStepInput): Promise<ProposeManualStepResult> {
  const { llm, policy } = activityProfiles(input.queues);
  const { queues: _queues, ...propose } = input;
  await refuseOverTeamBudget(llm, input.teamId);
  let proposal;
  try {
    proposal = await llm.proposeStep(propose);
  } catch (err) {
    const failure = describeFailure(err);
    throw ApplicationFailure.nonRetryable(failure.detail, failure.code);
  }
  if (proposal.step.kind === 'done') return { step: proposal.step, usage: proposal.usage };
  const risk = await policy.classifyCommand({ command: proposal.step.command });
  return { step: proposal.step, risk, usage: proposal.usage };
}

export async function manualStepWorkflow(input: ManualStepInput): Promise<ManualStepResult> {
  const { policy, store, shell } = activityProfiles(input.queues);
  const risk = await policy.classifyCommand({ command: input.command });
  const needsApproval = input.approvalPolicy === 'always' || (input.approvalPolicy === 'high_risk' && risk.risk === 'high');
  if (needsApproval && !input.approved) {
    // Nothing ran and nothing was logged: the caller decides, then asks again with approve: true.
    throw ApplicationFailure.create({
      type: 'approval_required', nonRetryable: true, details: [risk],
      message: `this ${risk.risk}-risk command needs approval: ${risk.reasons.join('; ') || 'policy requires approval'}`,
    });
  }
  const event = (suffix: string, type: 'command_started' | 'command_finished' | 'error', message: string, data: Record<string, unknown>) =>
    store.recordTaskEvent({ taskId: input.taskId, goalId: input.goalId, key: `${input.stepId}-${suffix}`, type, message, data: { manual: true, stepIndex: input.stepIndex, ...data } });

  await event('started', 'command_started', `$ ${input.command}`, {
    command: input.command, by: input.by, risk: risk.risk, reasons: risk.reasons, ...(needsApproval ? { approvedBy: input.by } : {}),
  });
  try {
    const result = await shell(input.timeoutSeconds).runCommand({
      taskId: input.taskId, goalId: input.goalId, stepIndex: input.stepIndex, command: input.command,
      allowNetwork: input.allowNetwork, timeoutSeconds: input.timeoutSeconds, outputCapBytes: input.outputCapBytes,
    });
    await event('finished', 'command_finished', `exit ${result.exitCode}${result.timedOut ? ' (timed out)' : ''}`, {
      exitCode: result.exitCode, output: result.output, stderrRanges: result.stderrRanges, truncated: result.truncated, durationMs: result.durationMs,
    });
    return { exitCode: result.exitCode, output: result.output, stderrRanges: result.stderrRanges, truncated: result.truncated, timedOut: result.timedOut, durationMs: result.durationMs, risk };
  } catch (err) {
    const failure = describeFailure(err);
    await event('failed', 'error', `manual step failed: ${failure.detail}`, { ...failure });
    throw ApplicationFailure.nonRetryable(failure.detail, failure.code);
  }
}
