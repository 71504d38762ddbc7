/** Teams group goals, tasks, templates and usage. At most one team is active at a time. */
import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { createdAt } from '../columns';
import { llmProviders } from '../llm-providers/llm-providers';
import { teamTypes } from '../team-types/team-types';
import { templates } from '../templates/templates';

export const teams = pgTable(
  'teams',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    description: text('description'),
    typeId: text('type_id').references((): AnyPgColumn => teamTypes.id, { onDelete: 'set null' }),
    /** The team's default prompt template. */
    templateId: text('template_id').references((): AnyPgColumn => templates.id, { onDelete: 'set null' }),
    /** The team's LLM provider; none means the deployment default. */
    providerId: text('provider_id').references((): AnyPgColumn => llmProviders.id, { onDelete: 'set null' }),
    /** Spend allowed per UTC day across the team's goals; none means unlimited. */
    dailyBudget: jsonb('daily_budget').$type<{ maxTokens?: number; maxCostUsd?: number }>(),
    isActive: boolean('is_active').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('teams_name_uq').on(t.name),
    index('teams_created_at_id_idx').on(t.createdAt.desc(), t.id.desc()),
    // Exclusive activation is a database rule, so two concurrent activations cannot both win.
    uniqueIndex('teams_one_active_uq').on(t.isActive).where(sql`${t.isActive}`),
  ],
);
