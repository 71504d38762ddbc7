/** zod schemas for team roles. */
import { createSelectSchema } from 'drizzle-zod';
import type { z } from 'zod';
import { roles } from './roles';

export const selectRoleSchema = createSelectSchema(roles);
export type TeamRole = z.infer<typeof selectRoleSchema>;
