/**
 * Who belongs to which team, optionally in a role. Membership is also what scopes an operator: it sees
 * and acts on the goals and tasks of its teams only.
 */
import { index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAt } from '../columns';
import { roles } from '../roles/roles';
import { teams } from '../teams/teams';
import { users } from '../users/users';

export const teamMembers = pgTable(
  'team_members',
  {
    teamId: text('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    roleId: text('role_id').references(() => roles.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ name: 'team_members_pk', columns: [t.teamId, t.userId] }), index('team_members_user_id_idx').on(t.userId)],
);
