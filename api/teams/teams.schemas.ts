/** Shapes of /teams, team types and roles. */
import { z } from 'zod';
import { TASK_PRIORITIES } from '../../db/schema';
import { pageQuery } from '../shared/common.schemas';

const id = z.string().min(1).max(200);
const member = z.strictObject({ userId: id, roleId: id.nullable().optional() });
const dailyBudget = z
  .strictObject({ maxTokens: z.number().int().positive().optional(), maxCostUsd: z.number().positive().optional() })
  .describe("Spend allowed per UTC day across the team's goals; a goal that would exceed it waits in waiting_approval (budget_exceeded)");

export const createTeamBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).nullable().optional(),
  typeId: id.nullable().optional(),
  templateId: id.nullable().optional(),
  members: z.array(member).max(200).optional(),
  providerId: id.nullable().optional().describe("The team's LLM provider; none means the default provider"),
  dailyBudget: dailyBudget.nullable().optional(),
});
export type CreateTeamBody = z.output<typeof createTeamBody>;
export const updateTeamBody = createTeamBody.partial();
export type UpdateTeamBody = z.output<typeof updateTeamBody>;
export const listTeamsQuery = z.object(pageQuery);

export const teamSchema = z
  .object({
    id: z.string(), name: z.string(), description: z.string().nullable(), typeId: z.string().nullable(), templateId: z.string().nullable(),
    isActive: z.boolean(), members: z.array(z.object({ userId: z.string(), roleId: z.string().nullable() })), createdAt: z.iso.datetime(),
    providerId: z.string().nullable(),
    dailyBudget: z.object({ maxTokens: z.number().optional(), maxCostUsd: z.number().optional() }).nullable(),
  })
  .meta({ id: 'Team' });
export const teamPageSchema = z.object({ items: z.array(teamSchema), nextCursor: z.string().nullable() }).meta({ id: 'TeamPage' });

export const roleSchema = z
  .object({ id: z.string(), name: z.string(), description: z.string().nullable(), templateId: z.string().nullable(), createdAt: z.iso.datetime() })
  .meta({ id: 'TeamRole' });
export const createRoleBody = z.strictObject({ name: z.string().trim().min(1).max(200), description: z.string().max(2000).nullable().optional(), templateId: id.nullable().optional() });
export const roleListSchema = z.object({ items: z.array(roleSchema) }).meta({ id: 'TeamRoleList' });

export const teamTypeSchema = z
  .object({ id: z.string(), name: z.string(), description: z.string().nullable(), roles: z.array(roleSchema), createdAt: z.iso.datetime() })
  .meta({ id: 'TeamType' });
export const createTeamTypeBody = z.strictObject({ name: z.string().trim().min(1).max(200), description: z.string().max(2000).nullable().optional(), roleIds: z.array(id).max(50).default([]) });
export const teamTypeListSchema = z.object({ items: z.array(teamTypeSchema) }).meta({ id: 'TeamTypeList' });
export const allowRoleBody = z.strictObject({ roleId: id, templateId: id.nullable().optional().describe("The role's template within this team type") });

export const setupScrumBody = z.strictObject({
  name: z.string().trim().min(1).max(200).default('Scrum team'),
  description: z.string().max(2000).nullable().optional(),
  backlog: z
    .array(z.strictObject({ title: z.string().trim().min(1).max(200), description: z.string().max(4000).optional(), priority: z.enum(TASK_PRIORITIES).default('medium') }))
    .min(1).max(100).optional().describe('Backlog items; a starter backlog when omitted'),
});
export type SetupScrumBody = z.output<typeof setupScrumBody>;
export const setupScrumSchema = z
  .object({ team: teamSchema, goalId: z.string().describe('The backlog the tasks belong to'), taskIds: z.array(z.string()) })
  .meta({ id: 'ScrumSetup' });
export const deletedTeamSchema = z.object({ id: z.string(), deleted: z.literal(true) });
