/** zod schemas for trigger rows; the JSON config columns are checked, not trusted. */
import { createInsertSchema, createSelectSchema } from 'drizzle-zod';
import { z } from 'zod';
import { TRIGGER_SOURCES, TRIGGER_TARGETS } from './constants';
import { triggers } from './triggers';

export const triggerRateLimitJson = z.strictObject({
  maxRequests: z.number().int().min(1).max(100_000),
  windowSeconds: z.number().int().min(1).max(86_400),
});

const columns = {
  source: z.enum(TRIGGER_SOURCES),
  ipAllowlist: z.array(z.string()),
  rateLimit: triggerRateLimitJson,
  target: z.enum(TRIGGER_TARGETS),
};

export const selectTriggerSchema = createSelectSchema(triggers, columns);
export const insertTriggerSchema = createInsertSchema(triggers, {
  ...columns,
  ipAllowlist: columns.ipAllowlist.optional(),
  rateLimit: columns.rateLimit.optional(),
  target: columns.target.optional(),
});

export type Trigger = z.infer<typeof selectTriggerSchema>;
export type NewTrigger = z.infer<typeof insertTriggerSchema>;
