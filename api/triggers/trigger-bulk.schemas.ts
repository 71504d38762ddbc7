/**
 * The original's bulk form of trigger configuration, kept so existing scripts work: one call sets the
 * default trigger of several sources. Its snake_case field names are accepted as aliases.
 */
import { z } from 'zod';
import { DELIVERY_OUTCOMES, TRIGGER_SOURCES, type TriggerSource } from '../../db/schema';
import { sourceSchema, targetSchema } from './triggers.schemas';

const ALIASES: Record<string, string> = {
  enabled_sources: 'enabledSources',
  webhook_secrets: 'webhookSecrets',
  ip_whitelists: 'ipAllowlists',
  ipWhitelists: 'ipAllowlists',
  rate_limits: 'rateLimits',
  auto_start_planner: 'autoStartPlanner',
  max_requests: 'maxRequests',
  window_seconds: 'windowSeconds',
};

const withAliases = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [ALIASES[k] ?? k, x])) : v), schema);

const perSource = <T extends z.ZodType>(value: T) => z.partialRecord(sourceSchema, value);
const rateLimit = withAliases(z.strictObject({ maxRequests: z.number().int().min(1).max(100_000), windowSeconds: z.number().int().min(1).max(86_400) }));

export const configureTriggersBody = withAliases(
  z.strictObject({
    enabledSources: z.array(sourceSchema).optional().describe('Sources not listed are disabled'),
    webhookSecrets: perSource(z.string().min(8).max(512)).optional().describe('Write-only'),
    ipAllowlists: perSource(z.array(z.string().trim().min(1).max(64)).max(100)).optional(),
    rateLimits: perSource(rateLimit).optional(),
    targets: perSource(targetSchema).optional().describe("goal (default) or tasks: manual tasks of the trigger's team for its autopilot"),
    autoStartPlanner: z.boolean().optional().describe('Accepted for compatibility: every accepted delivery is planned'),
  }),
);
export type ConfigureTriggersBody = z.output<typeof configureTriggersBody>;

const bySource = <T extends z.ZodType>(value: T) => z.partialRecord(sourceSchema, value);

export const triggerStatusSchema = z
  .object({
    enabledSources: z.array(sourceSchema),
    configuredSources: z.array(sourceSchema).describe('Sources with a default trigger'),
    secretsConfigured: z.array(sourceSchema),
    ipAllowlists: bySource(z.array(z.string())),
    rateLimits: bySource(z.object({ maxRequests: z.number(), windowSeconds: z.number() })),
    targets: bySource(targetSchema),
    stats: z.record(z.enum(DELIVERY_OUTCOMES), z.number()),
    autoStartPlanner: z.boolean(),
  })
  .meta({ id: 'TriggerStatus' });

export const ALL_SOURCES: readonly TriggerSource[] = TRIGGER_SOURCES;
