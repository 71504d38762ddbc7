/** Team roles (Product Owner, Developer, …), each with an optional default prompt template. */
import { index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from '../columns';
import { templates } from '../templates/templates';

export const roles = pgTable(
  'roles',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    description: text('description'),
    templateId: text('template_id').references(() => templates.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('roles_name_uq').on(t.name),
    index('roles_created_at_id_idx').on(t.createdAt.desc(), t.id.desc()),
  ],
);
