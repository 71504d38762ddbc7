/** Team types (Scrum, Kanban, …) and which roles a team of that type may hold, each with an optional template. */
import { index, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from '../columns';
import { roles } from '../roles/roles';
import { templates } from '../templates/templates';

export const teamTypes = pgTable(
  'team_types',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    description: text('description'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('team_types_name_uq').on(t.name),
    index('team_types_created_at_id_idx').on(t.createdAt.desc(), t.id.desc()),
  ],
);

export const teamTypeRoles = pgTable(
  'team_type_roles',
  {
    teamTypeId: text('team_type_id').notNull().references(() => teamTypes.id, { onDelete: 'cascade' }),
    roleId: text('role_id').notNull().references(() => roles.id, { onDelete: 'cascade' }),
    /** The role's prompt template within this team type (overrides the role's own). */
    templateId: text('template_id').references(() => templates.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ name: 'team_type_roles_pk', columns: [t.teamTypeId, t.roleId] })],
);
