/**
 * Request and response shapes of /triggers. Responses are allow-lists: a trigger says `hasSecret`, never
 * the secret or its ciphertext.
 */
import { z } from 'zod';
import { TRIGGER_SOURCES, TRIGGER_TARGETS, triggerRateLimitJson, DELIVERY_OUTCOMES, DELIVERY_START_STATUSES } from '../../db/schema';
import { isoString, pageQuery } from '../shared/common.schemas';
import { buildBlockList } from './ip-allowlist';

export const sourceSchema = z.enum(TRIGGER_SOURCES);
export const targetSchema = z
  .enum(TRIGGER_TARGETS)
  .describe("What an accepted delivery creates: one goal (planned by the LLM), or manual todo tasks of the trigger's team that its autopilot runs");

const cidrList = z
  .array(z.string().trim().min(1).max(64))
  .max(100)
  .superRefine((entries, ctx) => {
    try {
      buildBlockList(entries);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
    }
  })
  .describe('CIDR ranges (or single addresses) allowed to deliver; empty allows all');

const secretSchema = z.string().min(8).max(512).describe('Write-only: used to verify signatures, never returned');
const nullableId = z.string().min(1).max(200).nullable();

export const createTriggerBody = z.strictObject({
  source: sourceSchema,
  name: z.string().trim().min(1).max(200),
  enabled: z.boolean().default(true),
  secret: secretSchema.optional(),
  ipAllowlist: cidrList.default([]),
  rateLimit: triggerRateLimitJson.optional(),
  teamId: nullableId.optional(),
  templateId: nullableId.optional(),
  autopilot: z.boolean().default(true),
  target: targetSchema.default('goal'),
  isDefault: z.boolean().default(false).describe('Receives /triggers/webhook/{source}; one per source'),
});
export type CreateTriggerBody = z.output<typeof createTriggerBody>;

export const updateTriggerBody = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  enabled: z.boolean().optional(),
  secret: secretSchema.nullable().optional().describe('A new secret rotates (the old one stays valid for secretGraceSeconds); null removes it'),
  secretGraceSeconds: z.number().int().min(0).max(7 * 86_400).default(86_400),
  ipAllowlist: cidrList.optional(),
  rateLimit: triggerRateLimitJson.optional(),
  teamId: nullableId.optional(),
  templateId: nullableId.optional(),
  autopilot: z.boolean().optional(),
  target: targetSchema.optional(),
  isDefault: z.boolean().optional(),
});
export type UpdateTriggerBody = z.output<typeof updateTriggerBody>;

export const triggerSchema = z
  .object({
    id: z.string(),
    source: sourceSchema,
    name: z.string(),
    enabled: z.boolean(),
    hasSecret: z.boolean(),
    ipAllowlist: z.array(z.string()),
    rateLimit: triggerRateLimitJson,
    teamId: z.string().nullable(),
    templateId: z.string().nullable(),
    autopilot: z.boolean(),
    target: targetSchema,
    isDefault: z.boolean(),
    webhookPath: z.string().describe('Where the provider should post'),
    createdAt: z.date().transform(isoString).pipe(z.iso.datetime()),
    updatedAt: z.date().transform(isoString).pipe(z.iso.datetime()),
  })
  .meta({ id: 'Trigger' });

export const listTriggersQuery = z.object({ source: sourceSchema.optional(), teamId: z.string().max(200).optional(), ...pageQuery });
export const triggerPageSchema = z.object({ items: z.array(triggerSchema), nextCursor: z.string().nullable() }).meta({ id: 'TriggerPage' });

export const deliverySchema = z
  .object({
    id: z.string(),
    source: sourceSchema,
    triggerId: z.string().nullable(),
    deliveryId: z.string().nullable(),
    outcome: z.enum(DELIVERY_OUTCOMES),
    reason: z.string().nullable(),
    goalId: z.string().nullable(),
    taskIds: z.array(z.string()).optional().describe('The tasks an accepted delivery to a target:tasks trigger filed'),
    count: z.number().int().describe('Deliveries folded into this row (rate-limited floods: one row per client, reason and window)'),
    startStatus: z.enum(DELIVERY_START_STATUSES).nullable(),
    summary: z.record(z.string(), z.unknown()),
    createdAt: z.date().transform(isoString).pipe(z.iso.datetime()),
  })
  .meta({ id: 'WebhookDelivery' });
export const deliveryPageSchema = z.object({ items: z.array(deliverySchema), nextCursor: z.string().nullable() }).meta({ id: 'WebhookDeliveryPage' });
export const pageOnlyQuery = z.object(pageQuery);

export const testTriggerBody = z.strictObject({
  source: sourceSchema,
  target: targetSchema.default('goal').describe('Show what a trigger with this target would create'),
  payload: z.unknown(),
  headers: z.record(z.string(), z.string()).optional().describe('Provider headers the parser reads, e.g. x-github-event'),
});

export const parsedTaskSchema = z.object({
  title: z.string(), description: z.string(), priority: z.enum(['low', 'medium', 'high']),
  dependsOn: z.array(z.number().int()).optional().describe('0-based indexes of the parsed tasks this one waits for'),
});
export const testTriggerResultSchema = z
  .object({
    parsedTasks: z.array(parsedTaskSchema), wouldCreate: z.boolean(), reason: z.string().optional(), goal: z.string().optional(),
    target: targetSchema.optional(),
    tasks: z.array(parsedTaskSchema).optional().describe('target tasks: the manual tasks that would be filed'),
  })
  .meta({ id: 'TriggerTestResult' });

export const webhookResultSchema = z
  .object({
    deliveryId: z.string().optional(),
    goalId: z.string().optional(),
    taskIds: z.array(z.string()).optional().describe('target:tasks triggers: the manual tasks filed for the autopilot'),
    duplicate: z.boolean().optional(),
    ignored: z.boolean().optional(),
    reason: z.string().optional(),
    challenge: z.string().optional(),
  })
  .meta({ id: 'WebhookResult' });
