/** zod schemas for team types and their allowed roles. */
import { createSelectSchema } from 'drizzle-zod';
import type { z } from 'zod';
import { teamTypeRoles, teamTypes } from './team-types';

export const selectTeamTypeSchema = createSelectSchema(teamTypes);
export const selectTeamTypeRoleSchema = createSelectSchema(teamTypeRoles);
export type TeamType = z.infer<typeof selectTeamTypeSchema>;
export type TeamTypeRole = z.infer<typeof selectTeamTypeRoleSchema>;
