/** Teams group goals, tasks, templates and usage. */
import { index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from '../columns';

export const teams = pgTable(
  'teams',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    description: text('description'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('teams_name_uq').on(t.name),
    index('teams_created_at_id_idx').on(t.createdAt.desc(), t.id.desc()),
  ],
);
