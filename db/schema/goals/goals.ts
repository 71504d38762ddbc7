/**
 * Goals: one row per goal workflow. The row is a projection written by activities for listing and
 * filtering; live state comes from the workflow query (style rule 18).
 */
import { boolean, index, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { ErrorInfo, GoalBudget, PlannedSubtask } from '../../../core/types';
import { emptyUsage, type Usage } from '../../../core/usage';
import { createdAt, updatedAt } from '../columns';
import type { GoalStatus } from './constants';

export const goals = pgTable(
  'goals',
  {
    id: text('id').primaryKey(),
    goal: text('goal').notNull(),
    context: text('context'),
    teamId: text('team_id'),
    templateId: text('template_id'),
    workflowId: text('workflow_id').notNull(),
    status: text('status').$type<GoalStatus>().notNull(),
    plan: jsonb('plan').$type<PlannedSubtask[]>().notNull().default([]),
    usage: jsonb('usage').$type<Usage>().notNull().default(emptyUsage()),
    error: jsonb('error').$type<ErrorInfo>(),
    budget: jsonb('budget').$type<GoalBudget>().notNull(),
    autopilot: boolean('autopilot').notNull().default(true),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('goals_workflow_id_uq').on(t.workflowId),
    index('goals_status_idx').on(t.status),
    index('goals_team_id_idx').on(t.teamId),
    index('goals_created_at_id_idx').on(t.createdAt.desc(), t.id.desc()),
  ],
);
