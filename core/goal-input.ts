/**
 * Builds a goal workflow's input from a request and the deployment's defaults. The API, the CLI's
 * server side and the tests share it, so a goal means the same thing wherever it starts.
 */
import type { AppConfig } from './config';
import type { GoalBudget, GoalInput, PlannedSubtask, TaskSettings, WorkerPin } from './types';

export interface GoalRequest {
  goalId: string;
  goal: string;
  context?: string;
  teamId?: string;
  templateId?: string;
  autopilot?: boolean;
  budget?: Partial<GoalBudget>;
  maxConcurrency?: number;
  subtasksPerRun?: number;
  task?: Partial<TaskSettings>;
  plan?: PlannedSubtask[];
  /** Where every subtask's commands may run. */
  pin?: WorkerPin;
  /** USD per token of the goal's provider (see GoalInput.usdPerTokenHint). */
  usdPerTokenHint?: number;
}

export function buildGoalInput(config: Pick<AppConfig, 'defaults' | 'taskQueues'>, request: GoalRequest): GoalInput {
  const { defaults } = config;
  const defined = <T extends object>(o: T | undefined): Partial<T> =>
    Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
  return {
    goalId: request.goalId,
    goal: request.goal,
    context: request.context,
    teamId: request.teamId,
    templateId: request.templateId,
    autopilot: request.autopilot ?? true,
    budget: { ...defaults.budget, ...defined(request.budget) },
    maxConcurrency: request.maxConcurrency ?? defaults.maxConcurrency,
    subtasksPerRun: request.subtasksPerRun,
    task: { ...defaults.task, ...defined(request.task) },
    plan: request.plan,
    queues: config.taskQueues,
    ...(request.pin ? { pin: request.pin } : {}),
    ...(request.usdPerTokenHint !== undefined ? { usdPerTokenHint: request.usdPerTokenHint } : {}),
  };
}
