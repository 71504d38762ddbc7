/**
 * The goal's state and the rules that change it, as a plain class whose methods back the message
 * handlers: which subtasks are ready, what a pause/resume/retry may do, and the goal's derived status.
 */
import { ApplicationFailure, patched } from '@temporalio/workflow';
import { raiseProblem, type BudgetLimits } from '../core/budget-estimate';
import { MESSAGE_ERRORS, type RaiseBudgetArgs, type SubtaskStatusNotice } from '../core/messages';
import { isTerminalGoal, isTerminalTask, type GoalStatus } from '../core/statuses';
import { taskWorkflowId } from '../core/task-queues';
import type { ErrorInfo, ExternalUpdate, FollowupSuggestion, GoalInput, GoalState, PlannedSubtask, SubtaskState, TaskInput } from '../core/types';
import { emptyUsage, type Usage } from '../core/usage';
import type { RecordTaskInput } from '../activities/store/store-activities';
import { goalWithUpdates, type GoalNews } from './goal-updates';

export class GoalRun {
  readonly state: GoalState;
  /** Set whenever something the scheduler looks at changes; the main loop waits on it. */
  dirty = true;
  paused = false;
  /** Stop starting subtasks (continue-as-new is due, or the budget is spent). */
  draining = false;
  /** Counts budget raises, so a call waiting for one notices it. */
  budgetRaises = 0;
  /** Usage of the goal's last LLM call, the floor of the next estimate. */
  lastCall?: Usage;
  /** External updates reach the LLM's inputs (patch 'external-updates-in-prompts'; old runs: no). */
  newsInPrompts = false;

  constructor(readonly input: GoalInput) {
    this.state = input.carried ?? {
      goalId: input.goalId, goal: input.goal, teamId: input.teamId, status: 'planning', plan: [], subtasks: [], usage: emptyUsage(), runs: 1,
    };
    this.paused = this.state.status === 'paused';
  }

  addPlanned(plan: PlannedSubtask[]): void {
    this.state.plan = plan;
    for (const p of plan) this.state.subtasks.push(this.subtask(p, 'plan', 0));
  }

  addFollowups(parent: SubtaskState, accepted: FollowupSuggestion[]): SubtaskState[] {
    const added = accepted.map((f) => {
      const n = this.state.subtasks.filter((s) => s.origin === 'followup').length + 1;
      const s = this.subtask({ id: `f${n}`, title: f.description.slice(0, 200), description: f.description, dependsOn: [parent.id] }, 'followup', parent.depth + 1);
      this.state.subtasks.push(s);
      return s;
    });
    this.dirty = true;
    return added;
  }

  private subtask(p: PlannedSubtask, origin: SubtaskState['origin'], depth: number): SubtaskState {
    return { ...p, taskId: `${this.state.goalId}.${p.id}`, status: 'todo', origin, depth, attempt: 1 };
  }

  find(id: string): SubtaskState | undefined {
    return this.state.subtasks.find((s) => s.id === id);
  }

  ready(): SubtaskState[] {
    return this.state.subtasks.filter((s) => s.status === 'todo' && s.dependsOn.every((d) => this.find(d)?.status === 'completed'));
  }

  /** Subtasks that can never run because a dependency failed or was cancelled. */
  cancelUnreachable(): SubtaskState[] {
    const changed: SubtaskState[] = [];
    let again = true;
    while (again) {
      again = false;
      for (const s of this.state.subtasks) {
        const dead = s.dependsOn.find((d) => ['failed', 'cancelled'].includes(this.find(d)?.status ?? ''));
        if (s.status === 'todo' && dead) {
          s.status = 'cancelled';
          s.error = { code: 'dependency_failed', detail: `dependency ${dead} did not complete` };
          changed.push(s);
          again = true;
        }
      }
    }
    return changed;
  }

  allTerminal(): boolean {
    return this.state.subtasks.every((s) => isTerminalTask(s.status));
  }

  onSubtaskStatus(notice: SubtaskStatusNotice): void {
    const s = this.find(notice.subtaskId);
    if (s && !isTerminalTask(s.status) && !isTerminalTask(notice.status)) {
      s.status = notice.status;
      s.pendingBudget = notice.pendingBudget;
      this.dirty = true;
    }
  }

  /** The projection row of a subtask (GET /tasks), as the store activity writes it. */
  taskRecord(s: SubtaskState): RecordTaskInput {
    return {
      taskId: s.taskId, goalId: this.state.goalId, subtaskId: s.id, title: s.title, description: s.description, status: s.status,
      dependsOn: s.dependsOn, origin: s.origin, depth: s.depth, attempt: s.attempt, workflowId: taskWorkflowId(s.taskId, s.attempt),
      teamId: this.input.teamId, error: s.error ?? null, usage: s.usage, ...this.pinRecord(),
    };
  }

  /**
   * The goal's pin on each subtask's row, so GET /tasks shows where it may run. Goals started before
   * the 'subtask-pin-recorded' patch replay without it (their rows never carried one).
   */
  private pinRecord(): Pick<RecordTaskInput, 'pin'> {
    const { pin } = this.input;
    return pin && patched('subtask-pin-recorded') ? { pin } : {};
  }

  /** A subtask's task workflow input; `budgetChecks` false (an old run) passes no budget. */
  taskInput(s: SubtaskState, parentWorkflowId: string, budgetChecks: boolean): TaskInput & GoalNews {
    const { input, state } = this;
    return {
      queues: input.queues, taskId: s.taskId, goalId: state.goalId, teamId: input.teamId, parentWorkflowId, subtaskId: s.id,
      goal: state.goal, title: s.title, description: s.description, settings: input.task, budget: this.taskBudget(budgetChecks),
      // Every subtask runs its commands where the goal is pinned (absent for goals without a pin).
      ...(input.pin ? { pin: input.pin } : {}),
      ...(this.news() ? { externalUpdates: this.news() } : {}),
    };
  }

  /** The news the LLM's inputs carry: the kept external updates, once the patch is on and any arrived. */
  news(): ExternalUpdate[] | undefined {
    return this.newsInPrompts && this.state.externalUpdates?.length ? this.state.externalUpdates : undefined;
  }

  /** The goal's text as the follow-up detection sees it: with its news. */
  goalForPrompts(): string {
    return goalWithUpdates(this.state.goal, this.news());
  }

  /** What a task may spend: the goal's limits and its usage so far (absent: no limits, or an old run). */
  private taskBudget(budgetChecks: boolean): TaskInput['budget'] {
    const { maxTokens, maxCostUsd } = this.limits;
    if (!budgetChecks || (maxTokens === undefined && maxCostUsd === undefined)) return undefined;
    const hint = this.input.usdPerTokenHint;
    return { maxTokens, maxCostUsd, spent: this.state.usage, lastCall: this.lastCall, ...(hint !== undefined ? { usdPerTokenHint: hint } : {}) };
  }

  /** Usage already past a limit (a call's estimate was low): the goal stops starting work. */
  overBudget(): boolean {
    const { limits, state } = this;
    return (limits.maxTokens !== undefined && state.usage.tokens > limits.maxTokens) || (limits.maxCostUsd !== undefined && state.usage.costUsd > limits.maxCostUsd);
  }

  /** The limits in force: the latest raise, else the input's budget. */
  get limits(): BudgetLimits {
    const budget = this.state.budget ?? this.input.budget;
    return { maxTokens: budget.maxTokens, maxCostUsd: budget.maxCostUsd };
  }

  /** What waits for a budget raise: the goal's own next call first, else a subtask's. */
  pendingBudget(): ErrorInfo | undefined {
    return this.state.pendingBudget ?? this.state.subtasks.find((s) => s.pendingBudget)?.pendingBudget;
  }

  /** Keeps the latest outside news about the goal's subject, bounded so history-carried state stays small. */
  onExternalUpdate(update: ExternalUpdate): void {
    this.state.externalUpdates = [...(this.state.externalUpdates ?? []), update].slice(-20);
  }

  /** The state as queries and update answers show it. */
  view(): GoalState {
    const pendingBudget = this.pendingBudget();
    return { ...this.state, status: this.liveStatus(), ...(pendingBudget ? { pendingBudget } : {}) };
  }

  validateRaise(raise: RaiseBudgetArgs): void {
    if (isTerminalGoal(this.state.status)) throw this.invalidTransition('raise the budget');
    if (!this.pendingBudget()) {
      throw ApplicationFailure.create({ type: MESSAGE_ERRORS.noPendingBudget, message: 'nothing in this goal waits for a budget raise', details: [this.liveStatus()] });
    }
    const problem = raiseProblem(this.limits, raise);
    if (problem) throw ApplicationFailure.create({ type: 'invalid_input', message: problem });
  }

  /** Applies a raise at once (the Update's answer shows it); waiting calls re-check against it. */
  raiseBudget(raise: RaiseBudgetArgs): void {
    const budget = this.state.budget ?? this.input.budget;
    this.state.budget = { ...budget, maxTokens: raise.maxTokens ?? budget.maxTokens, maxCostUsd: raise.maxCostUsd ?? budget.maxCostUsd };
    this.state.pendingBudget = undefined;
    for (const s of this.state.subtasks) s.pendingBudget = undefined;
    this.budgetRaises += 1;
    this.dirty = true;
  }

  /** The status shown for a goal still at work. */
  liveStatus(): GoalStatus {
    if (isTerminalGoal(this.state.status)) return this.state.status;
    if (this.paused) return 'paused';
    if (this.state.pendingBudget) return 'waiting_approval';
    if (this.state.plan.length === 0) return 'planning';
    return this.state.subtasks.some((s) => s.status === 'waiting_approval') ? 'waiting_approval' : 'running';
  }

  validatePause(): void {
    if (this.paused || isTerminalGoal(this.state.status)) throw this.invalidTransition('pause');
  }

  validateResume(): void {
    if (!this.paused || isTerminalGoal(this.state.status)) throw this.invalidTransition('resume');
  }

  validateRetry(subtaskId: string): void {
    const s = this.find(subtaskId);
    if (!s) throw ApplicationFailure.create({ type: MESSAGE_ERRORS.notFound, message: `no subtask ${subtaskId} in this goal` });
    if (!['failed', 'cancelled'].includes(s.status)) throw this.invalidTransition('retry', s.status);
  }

  retry(subtaskId: string): void {
    const s = this.find(subtaskId)!;
    Object.assign(s, { status: 'todo', attempt: s.attempt + 1, error: undefined });
    for (const other of this.state.subtasks) {
      if (other.status === 'cancelled' && other.error?.code === 'dependency_failed') Object.assign(other, { status: 'todo', error: undefined });
    }
    this.dirty = true;
  }

  private invalidTransition(action: string, current: string = this.liveStatus()): ApplicationFailure {
    return ApplicationFailure.create({ type: MESSAGE_ERRORS.invalidTransition, message: `cannot ${action}: the status is ${current}`, details: [current] });
  }
}
