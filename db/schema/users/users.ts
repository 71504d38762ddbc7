/** People who log in to the API and the dashboard. The password is stored only as a hash. */
import { pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from '../columns';
import type { UserRole } from './constants';

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    username: text('username').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').$type<UserRole>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_username_uq').on(t.username)],
);
