/**
 * Shapes of /providers. The API key is write-only: requests may carry `apiKey`, responses say only
 * `hasApiKey` (an allow-list without the ciphertext).
 */
import { z } from 'zod';
import { PROVIDER_KINDS, type FallbackRole } from '../../db/schema';
import { isoString, pageQuery } from '../shared/common.schemas';

const prices = z.strictObject({ inputPerMTokUsd: z.number().nonnegative(), outputPerMTokUsd: z.number().nonnegative() });
const apiKey = z.string().min(1).max(1000).describe('Write-only: stored encrypted, never returned');
const fallbackModel = z.string().trim().min(1).max(200);

/** One optional model per LLM role; an unknown role is refused (strict), not silently dropped. */
const fallbackModels = z
  .strictObject({
    plan: fallbackModel.optional().describe('For planning a goal'),
    propose_step: fallbackModel.optional().describe("For the agent's next step"),
    detect_followups: fallbackModel.optional().describe('For follow-up analysis'),
  } satisfies Record<FallbackRole, z.ZodType>)
  .nullable()
  .optional()
  .describe('A fallback model per role, used instead of fallbackModel for calls of that role');

/** In a PATCH the roles are merged into the stored ones: a null role removes it, and null clears them all. */
const fallbackModelsPatch = z
  .strictObject({
    plan: fallbackModel.nullable().optional(),
    propose_step: fallbackModel.nullable().optional(),
    detect_followups: fallbackModel.nullable().optional(),
  } satisfies Record<FallbackRole, z.ZodType>)
  .nullable()
  .optional()
  .describe('Merged role by role into the stored ones: a role left out stays, a null role is removed; null removes them all');

const fields = {
  name: z.string().trim().min(1).max(200),
  kind: z.enum(PROVIDER_KINDS),
  baseUrl: z.url().max(2000).nullable().optional().describe("The vendor's API base URL; absent means the SDK's default"),
  model: z.string().trim().min(1).max(200).describe('A model id, or "auto" (LM Studio, Ollama) for the first the server lists'),
  fallbackModel: fallbackModel.nullable().optional().describe('Used when the model keeps failing or its circuit is open'),
  fallbackModels,
  temperature: z.number().min(0).max(2).nullable().optional(),
  timeoutSeconds: z.number().int().min(1).max(3600).nullable().optional(),
  prices: prices.nullable().optional().describe("Per million tokens; absent means the deployment's price table"),
};

export const createProviderBody = z.strictObject({ ...fields, apiKey: apiKey.optional(), isDefault: z.boolean().default(false) });
export type CreateProviderBody = z.output<typeof createProviderBody>;

export const updateProviderBody = z.strictObject({
  name: fields.name.optional(),
  kind: fields.kind.optional(),
  baseUrl: fields.baseUrl,
  model: fields.model.optional(),
  fallbackModel: fields.fallbackModel,
  fallbackModels: fallbackModelsPatch,
  temperature: fields.temperature,
  timeoutSeconds: fields.timeoutSeconds,
  prices: fields.prices,
  apiKey: apiKey.nullable().optional().describe('A new key replaces the old one; null removes it'),
  isDefault: z.boolean().optional(),
});
export type UpdateProviderBody = z.output<typeof updateProviderBody>;

export const providerSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(PROVIDER_KINDS),
    baseUrl: z.string().nullable(),
    model: z.string(),
    fallbackModel: z.string().nullable(),
    fallbackModels: z
      .object({ plan: z.string().optional(), propose_step: z.string().optional(), detect_followups: z.string().optional() })
      .nullable()
      .describe('Per role; a role without one uses fallbackModel'),
    hasApiKey: z.boolean(),
    temperature: z.number().nullable(),
    timeoutSeconds: z.number().nullable(),
    prices: z.object({ inputPerMTokUsd: z.number(), outputPerMTokUsd: z.number() }).nullable(),
    isDefault: z.boolean(),
    createdAt: z.date().transform(isoString).pipe(z.iso.datetime()),
    updatedAt: z.date().transform(isoString).pipe(z.iso.datetime()),
  })
  .meta({ id: 'LlmProvider' });

export const listProvidersQuery = z.object(pageQuery);
export const providerPageSchema = z.object({ items: z.array(providerSchema), nextCursor: z.string().nullable() }).meta({ id: 'LlmProviderPage' });
export const providerDeletedSchema = z.object({ id: z.string(), deleted: z.literal(true) });

export const providerTestSchema = z
  .object({
    ok: z.literal(true),
    models: z.array(z.string()).optional().describe('What the server lists, when it lists models'),
    latencyMs: z.number(),
  })
  .meta({ id: 'LlmProviderTest' });
