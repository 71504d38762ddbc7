/** Small builders for suite data; every test works under its own random prefix so tests never collide. */
import { randomBytes } from 'node:crypto';
import type { Db } from '../client';
import { insertGoal, type GoalRow } from '../queries/goals';
import { upsertTask, type UpsertTaskInput } from '../queries/tasks';

export const uniq = (label: string) => `${label}-${randomBytes(4).toString('hex')}`;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function seedGoal(db: Db, over: { teamId?: string; status?: GoalRow['status'] } = {}): Promise<GoalRow> {
  const id = uniq('goal');
  return insertGoal(db, {
    id,
    goal: `Ship ${id}`,
    workflowId: `goal-${id}`,
    status: over.status ?? 'planning',
    budget: { maxSubtasks: 5, maxFollowupDepth: 1 },
    autopilot: true,
    teamId: over.teamId,
  });
}

export function taskInput(goalId: string, n: number, over: Partial<UpsertTaskInput> = {}): UpsertTaskInput {
  return {
    id: `${goalId}.s${n}`,
    goalId,
    subtaskId: `s${n}`,
    title: `Step ${n}`,
    description: `Do step ${n}`,
    status: 'todo',
    dependsOn: n > 1 ? [`s${n - 1}`] : [],
    origin: 'plan',
    depth: 0,
    attempt: 0,
    workflowId: `task-${goalId}.s${n}`,
    ...over,
  };
}

export async function seedTasks(db: Db, goalId: string, n: number, over: Partial<UpsertTaskInput> = {}): Promise<void> {
  for (let i = 1; i <= n; i++) await upsertTask(db, taskInput(goalId, i, over));
}
