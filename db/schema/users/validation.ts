/** zod schemas for users. The public shape omits the password hash: it is never returned. */
import { createInsertSchema, createSelectSchema } from 'drizzle-zod';
import { z } from 'zod';
import { USER_ROLES } from './constants';
import { users } from './users';

export const selectUserSchema = createSelectSchema(users, { role: z.enum(USER_ROLES) });
export const insertUserSchema = createInsertSchema(users, { role: z.enum(USER_ROLES) });
export const publicUserSchema = selectUserSchema.omit({ passwordHash: true });

export type User = z.infer<typeof selectUserSchema>;
export type NewUser = z.infer<typeof insertUserSchema>;
export type PublicUser = z.infer<typeof publicUserSchema>;
