/** zod schemas for teams. */
import { createInsertSchema, createSelectSchema } from 'drizzle-zod';
import type { z } from 'zod';
import { teams } from './teams';

export const selectTeamSchema = createSelectSchema(teams);
export const insertTeamSchema = createInsertSchema(teams);

export type Team = z.infer<typeof selectTeamSchema>;
export type NewTeam = z.infer<typeof insertTeamSchema>;
