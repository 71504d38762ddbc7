/**
 * The state of one task's agent loop and its message handlers, as a plain class (the workflow function
 * drives the loop). Keeping handlers here makes the rules for pause/resume/approve easy to read.
 */
import { ApplicationFailure, getExternalWorkflowHandle, patched } from '@temporalio/workflow';
import { subtaskStatusSignal, MESSAGE_ERRORS, type ApproveStepArgs, type RaiseBudgetArgs } from '../core/messages';
import { isTerminalTask, type TaskStatus } from '../core/statuses';
import { budgetShortfall, estimateCall, type BudgetLimits } from '../core/budget-estimate';
import type { ErrorInfo, PendingApproval, TaskInput, TaskState } from '../core/types';
import { addUsage, emptyUsage, type Usage } from '../core/usage';
import type { RecordTaskEventInput } from '../activities/store/store-activities';
import type { ActivityProfiles } from './activity-profiles';

export class TaskRun {
  readonly state: TaskState;
  decision?: ApproveStepArgs;
  paused = false;
  private statusSeq = 0;
  /** The goal's limits as last heard (raised by goalBudgetSignal); undefined: no budget checks. */
  limits?: BudgetLimits;
  /** Counts raises, so a waiting step notices a new one. */
  budgetRaises = 0;
  /** Usage of this task's last LLM call (the goal's last call before the first). */
  lastCall?: Usage;

  constructor(readonly input: TaskInput, private readonly store: ActivityProfiles['store']) {
    this.state = { taskId: input.taskId, goalId: input.goalId, status: 'todo', steps: [], usage: emptyUsage() };
    if (input.budget) this.limits = { maxTokens: input.budget.maxTokens, maxCostUsd: input.budget.maxCostUsd };
    this.lastCall = input.budget?.lastCall;
  }

  /** Why the next LLM call (sending `callInput`) would break the goal's budget, if it would. */
  budgetShortfall(callInput: unknown): ErrorInfo | undefined {
    if (!this.limits || !this.input.budget) return undefined;
    const used = addUsage(this.input.budget.spent, this.state.usage);
    return budgetShortfall(this.limits, used, estimateCall({ inputChars: JSON.stringify(callInput).length, lastCall: this.lastCall, usdPerTokenHint: this.input.budget.usdPerTokenHint }), `task ${this.input.taskId}'s next step`);
  }

  onBudgetRaised(raise: RaiseBudgetArgs): void {
    if (!this.limits) return;
    this.limits = { maxTokens: raise.maxTokens ?? this.limits.maxTokens, maxCostUsd: raise.maxCostUsd ?? this.limits.maxCostUsd };
    this.budgetRaises += 1;
  }

  /** Records a status in the projection and tells the parent goal (fire-and-forget signal). */
  async setStatus(status: TaskStatus): Promise<void> {
    if (this.state.status === status) return;
    this.state.status = status;
    this.statusSeq += 1;
    if (this.input.parentWorkflowId && this.input.subtaskId) {
      await getExternalWorkflowHandle(this.input.parentWorkflowId)
        .signal(subtaskStatusSignal, { subtaskId: this.input.subtaskId, status, ...(this.state.pendingBudget ? { pendingBudget: this.state.pendingBudget } : {}) })
        .catch(() => undefined); // the goal may have finished or continued-as-new mid-signal
    }
    const key = `status-${this.statusSeq}`;
    // Newer runs also move the task row's status (so lists show waiting tasks); older histories only logged it.
    if (patched('task-row-status')) await this.store.recordTaskStatus({ taskId: this.input.taskId, goalId: this.input.goalId, key, status });
    else await this.event(key, 'status', `status: ${status}`, { status });
  }

  event(key: string, type: RecordTaskEventInput['type'], message: string, data?: Record<string, unknown>): Promise<void> {
    return this.store.recordTaskEvent({ taskId: this.input.taskId, goalId: this.input.goalId, key, type, message, data });
  }

  requestApproval(pending: PendingApproval): void {
    this.decision = undefined;
    this.state.pendingApproval = pending;
  }

  validateApprove(args: ApproveStepArgs): void {
    if (args?.decision !== 'approve' && args?.decision !== 'reject') {
      throw ApplicationFailure.create({ type: 'invalid_input', message: 'decision must be "approve" or "reject"' });
    }
    if (!this.state.pendingApproval) {
      throw ApplicationFailure.create({ type: MESSAGE_ERRORS.noPendingApproval, message: 'this task has no command waiting for approval', details: [this.state.status] });
    }
  }

  /** Applies a person's decision at once, so the Update's answer already shows it. */
  approve(args: ApproveStepArgs): TaskState {
    this.decision = args;
    const step = this.state.steps.find((s) => s.index === this.state.pendingApproval?.stepIndex);
    if (step) step.approval = { decision: args.decision, comment: args.comment, by: 'human' };
    this.state.pendingApproval = undefined;
    return this.state;
  }

  validatePause(): void {
    if (this.paused || isTerminalTask(this.state.status)) throw this.invalidTransition('pause');
  }

  validateResume(): void {
    if (!this.paused) throw this.invalidTransition('resume');
  }

  private invalidTransition(action: string): ApplicationFailure {
    return ApplicationFailure.create({
      type: MESSAGE_ERRORS.invalidTransition,
      message: `cannot ${action} a task that is ${this.paused ? 'paused' : this.state.status}`,
      details: [this.paused ? 'paused' : this.state.status],
    });
  }
}
