/** zod schemas for providers. The public shape never carries the key cipher, only whether a key is set. */
import { createInsertSchema, createSelectSchema } from 'drizzle-zod';
import { z } from 'zod';
import { FALLBACK_ROLES, PROVIDER_KINDS } from './constants';
import { llmProviders } from './llm-providers';

const prices = z.object({ inputPerMTokUsd: z.number().nonnegative(), outputPerMTokUsd: z.number().nonnegative() });
const fallbackModels = z.partialRecord(z.enum(FALLBACK_ROLES), z.string());
const columns = { kind: z.enum(PROVIDER_KINDS), prices: prices.nullable(), fallbackModels: fallbackModels.nullable() };

export const selectLlmProviderSchema = createSelectSchema(llmProviders, columns);
export const insertLlmProviderSchema = createInsertSchema(llmProviders, { ...columns, prices: columns.prices.optional(), fallbackModels: columns.fallbackModels.optional() });

export type LlmProvider = z.infer<typeof selectLlmProviderSchema>;
export type NewLlmProvider = z.infer<typeof insertLlmProviderSchema>;
