/** zod schemas for providers. The public shape never carries the key cipher, only whether a key is set. */
import { createInsertSchema, createSelectSchema } from 'drizzle-zod';
import { z } from 'zod';
import { PROVIDER_KINDS } from './constants';
import { llmProviders } from './llm-providers';

const prices = z.object({ inputPerMTokUsd: z.number().nonnegative(), outputPerMTokUsd: z.number().nonnegative() });
const columns = { kind: z.enum(PROVIDER_KINDS), prices: prices.nullable() };

export const selectLlmProviderSchema = createSelectSchema(llmProviders, columns);
export const insertLlmProviderSchema = createInsertSchema(llmProviders, { ...columns, prices: columns.prices.optional() });

export type LlmProvider = z.infer<typeof selectLlmProviderSchema>;
export type NewLlmProvider = z.infer<typeof insertLlmProviderSchema>;
