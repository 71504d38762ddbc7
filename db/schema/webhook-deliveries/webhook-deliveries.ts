/**
 * Every webhook delivery that reached a trigger: accepted, duplicate, ignored or rejected. The partial
 * unique index on (source, delivery_id) over accepted rows is the dedupe: a repeated delivery fails to
 * insert as accepted, concurrently or not, and the goal id of the row that won is the answer.
 */
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from '../columns';
import type { TriggerSource } from '../triggers/constants';
import type { DeliveryGoalRequest, DeliveryOutcome, DeliveryStartStatus } from './constants';

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    source: text('source').$type<TriggerSource>().notNull(),
    triggerId: text('trigger_id'),
    deliveryId: text('delivery_id'),
    outcome: text('outcome').$type<DeliveryOutcome>().notNull(),
    reason: text('reason'),
    goalId: text('goal_id'),
    summary: jsonb('summary').$type<Record<string, unknown>>().notNull().default({}),
    request: jsonb('request').$type<DeliveryGoalRequest>(),
    /** Rejections of one kind from one client in one window are folded into one row, so a flood cannot fill the log. */
    count: integer('count').notNull().default(1),
    startStatus: text('start_status').$type<DeliveryStartStatus>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_accepted_uq').on(t.source, t.deliveryId).where(sql`${t.outcome} = 'accepted'`),
    index('webhook_deliveries_trigger_created_idx').on(t.triggerId, t.createdAt.desc(), t.id.desc()),
    index('webhook_deliveries_goal_id_idx').on(t.goalId),
    index('webhook_deliveries_pending_idx').on(t.startStatus).where(sql`${t.startStatus} = 'pending'`),
  ],
);
