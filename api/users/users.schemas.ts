/** Shapes of /users. Passwords go in, never out. */
import { z } from 'zod';
import { USER_ROLES } from '../../db/schema';
import { pageQuery } from '../shared/common.schemas';

const teamIds = z.array(z.string().min(1).max(200)).max(100);
const password = z.string().min(8).max(1000);

export const createUserBody = z.strictObject({
  username: z.string().trim().min(1).max(200),
  password,
  role: z.enum(USER_ROLES).default('viewer'),
  teamIds: teamIds.default([]),
});
export type CreateUserBody = z.output<typeof createUserBody>;

export const updateUserBody = z.strictObject({ role: z.enum(USER_ROLES).optional(), teamIds: teamIds.optional(), password: password.optional() });
export type UpdateUserBody = z.output<typeof updateUserBody>;

export const listUsersQuery = z.object(pageQuery);

export const userSchema = z
  .object({ id: z.string(), username: z.string(), role: z.enum(USER_ROLES), teamIds: z.array(z.string()), createdAt: z.iso.datetime() })
  .meta({ id: 'User' });
export const userPageSchema = z.object({ items: z.array(userSchema), nextCursor: z.string().nullable() }).meta({ id: 'UserPage' });
export const deletedSchema = z.object({ id: z.string(), deleted: z.literal(true) }).meta({ id: 'Deleted' });
