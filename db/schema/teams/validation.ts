/** zod schemas for teams; the daily budget is checked against its shape rather than taken as any JSON. */
import { createInsertSchema, createSelectSchema } from 'drizzle-zod';
import { z } from 'zod';
import { teams } from './teams';

export const teamDailyBudgetJson = z.object({
  maxTokens: z.number().int().positive().optional(),
  maxCostUsd: z.number().positive().optional(),
});

export const selectTeamSchema = createSelectSchema(teams, { dailyBudget: teamDailyBudgetJson.nullable() });
export const insertTeamSchema = createInsertSchema(teams, { dailyBudget: teamDailyBudgetJson.nullable().optional() });

export type Team = z.infer<typeof selectTeamSchema>;
export type NewTeam = z.infer<typeof insertTeamSchema>;
