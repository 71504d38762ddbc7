/** zod schemas for delivery rows. */
import { createInsertSchema, createSelectSchema } from 'drizzle-zod';
import { z } from 'zod';
import { TRIGGER_SOURCES } from '../triggers/constants';
import { DELIVERY_OUTCOMES, DELIVERY_START_STATUSES } from './constants';
import { webhookDeliveries } from './webhook-deliveries';

const columns = {
  source: z.enum(TRIGGER_SOURCES),
  outcome: z.enum(DELIVERY_OUTCOMES),
  startStatus: z.enum(DELIVERY_START_STATUSES).nullable(),
};

export const selectWebhookDeliverySchema = createSelectSchema(webhookDeliveries, columns);
export const insertWebhookDeliverySchema = createInsertSchema(webhookDeliveries, { ...columns, startStatus: columns.startStatus.optional() });

export type WebhookDelivery = z.infer<typeof selectWebhookDeliverySchema>;
export type NewWebhookDelivery = z.infer<typeof insertWebhookDeliverySchema>;
