/**
 * Configured LLM providers. The API key is kept only encrypted (AES-GCM, key from the environment) and is
 * never returned; activities decrypt it by provider id, so it never enters workflow history.
 * At most one provider is the default (a partial unique index, so concurrent updates cannot both win).
 */
import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from '../columns';
import type { FallbackModels, ProviderKind, ProviderPrices } from './constants';

export const llmProviders = pgTable(
  'llm_providers',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind').$type<ProviderKind>().notNull(),
    baseUrl: text('base_url'),
    model: text('model').notNull(),
    /** Tried when the model keeps failing (circuit open or retries exhausted). */
    fallbackModel: text('fallback_model'),
    /** Per role (plan, propose_step, detect_followups), overriding fallbackModel for calls of that role. */
    fallbackModels: jsonb('fallback_models').$type<FallbackModels>(),
    apiKeyCipher: text('api_key_cipher'),
    temperature: doublePrecision('temperature'),
    timeoutSeconds: integer('timeout_seconds'),
    prices: jsonb('prices').$type<ProviderPrices>(),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('llm_providers_name_uq').on(t.name),
    uniqueIndex('llm_providers_one_default_uq').on(t.isDefault).where(sql`${t.isDefault}`),
    index('llm_providers_created_at_id_idx').on(t.createdAt.desc(), t.id.desc()),
  ],
);
