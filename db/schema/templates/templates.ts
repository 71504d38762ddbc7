/**
 * Goal templates: a body with `{{variable}}` placeholders. `variables` lists the names the template
 * declares, so the API can warn about placeholders nobody declared.
 */
import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt } from '../columns';
import { llmProviders } from '../llm-providers/llm-providers';
import { teams } from '../teams/teams';

export const templates = pgTable(
  'templates',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    body: text('body').notNull(),
    variables: jsonb('variables').$type<string[]>().notNull().default([]),
    teamId: text('team_id').references(() => teams.id, { onDelete: 'set null' }),
    /** Overrides the team's provider for goals that use this template. */
    providerId: text('provider_id').references(() => llmProviders.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('templates_team_id_idx').on(t.teamId),
    index('templates_created_at_id_idx').on(t.createdAt.desc(), t.id.desc()),
  ],
);
