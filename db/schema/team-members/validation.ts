/** zod schemas for team membership. */
import { createSelectSchema } from 'drizzle-zod';
import type { z } from 'zod';
import { teamMembers } from './team-members';

export const selectTeamMemberSchema = createSelectSchema(teamMembers);
export type TeamMember = z.infer<typeof selectTeamMemberSchema>;
