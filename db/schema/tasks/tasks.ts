/**
 * Tasks: one row per subtask of a goal (id `<goalId>.s1`), projected by activities for GET /tasks.
 * `agent` is the identity of the worker that ran it.
 */
import { index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import type { ErrorInfo } from '../../../core/types';
import { emptyUsage, type Usage } from '../../../core/usage';
import { createdAt, updatedAt } from '../columns';
import { goals } from '../goals/goals';
import type { TaskOrigin, TaskPriority, TaskStatus } from './constants';

export const tasks = pgTable(
  'tasks',
  {
    id: text('id').primaryKey(),
    goalId: text('goal_id')
      .notNull()
      .references(() => goals.id, { onDelete: 'cascade' }),
    subtaskId: text('subtask_id').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    status: text('status').$type<TaskStatus>().notNull(),
    priority: text('priority').$type<TaskPriority>().notNull().default('medium'),
    dependsOn: jsonb('depends_on').$type<string[]>().notNull().default([]),
    origin: text('origin').$type<TaskOrigin>().notNull(),
    depth: integer('depth').notNull().default(0),
    attempt: integer('attempt').notNull().default(0),
    workflowId: text('workflow_id').notNull(),
    teamId: text('team_id'),
    agent: text('agent'),
    /** Pinning: the task's commands run only on this registered worker ... */
    pinnedWorkerId: text('pinned_worker_id'),
    /** ... or only on a worker with all these capabilities (`gpu`, `docker`, `repo:<name>`). */
    requiredCapabilities: jsonb('required_capabilities').$type<string[]>().notNull().default([]),
    /** A manual task created under another (POST /tasks parentTaskId), or the task a follow-up came from. */
    parentTaskId: text('parent_task_id'),
    verdict: jsonb('verdict').$type<{ success: boolean; summary: string }>(),
    error: jsonb('error').$type<ErrorInfo>(),
    usage: jsonb('usage').$type<Usage>().notNull().default(emptyUsage()),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('tasks_goal_id_idx').on(t.goalId),
    index('tasks_status_idx').on(t.status),
    index('tasks_team_id_idx').on(t.teamId),
    index('tasks_created_at_id_idx').on(t.createdAt.desc(), t.id.desc()),
  ],
);
