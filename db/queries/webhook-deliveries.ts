/**
 * Webhook deliveries. `recordAcceptedDelivery` is the dedupe: it inserts as `accepted` or, when the
 * (source, delivery id) pair was accepted before, inserts nothing and returns undefined.
 */
import { and, asc, eq, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { driverErrors } from '../errors';
import { webhookDeliveries, type DeliveryGoalRequest, type DeliveryOutcome, type DeliveryStartStatus, type TriggerSource } from '../schema';
import { afterCursor, newestFirst, pageLimit, toPage, type Page } from './pagination';

export type DeliveryRow = {
  id: string;
  source: TriggerSource;
  triggerId: string | null;
  deliveryId: string | null;
  outcome: DeliveryOutcome;
  reason: string | null;
  goalId: string | null;
  summary: Record<string, unknown>;
  request: DeliveryGoalRequest | null;
  startStatus: DeliveryStartStatus | null;
  /** Deliveries folded into this row (rejections of one kind from one client in one window). */
  count: number;
  createdAt: Date;
  updatedAt: Date;
};

const deliveryColumns = {
  id: webhookDeliveries.id,
  source: webhookDeliveries.source,
  triggerId: webhookDeliveries.triggerId,
  deliveryId: webhookDeliveries.deliveryId,
  outcome: webhookDeliveries.outcome,
  reason: webhookDeliveries.reason,
  goalId: webhookDeliveries.goalId,
  summary: webhookDeliveries.summary,
  request: webhookDeliveries.request,
  startStatus: webhookDeliveries.startStatus,
  count: webhookDeliveries.count,
  createdAt: webhookDeliveries.createdAt,
  updatedAt: webhookDeliveries.updatedAt,
};

export type RecordDeliveryInput = {
  id: string;
  source: TriggerSource;
  triggerId?: string | null;
  deliveryId?: string | null;
  outcome: DeliveryOutcome;
  reason?: string | null;
  goalId?: string | null;
  summary?: Record<string, unknown>;
  request?: DeliveryGoalRequest | null;
  startStatus?: DeliveryStartStatus | null;
};

export async function recordDelivery(db: Db, input: RecordDeliveryInput): Promise<DeliveryRow> {
  const [row] = await driverErrors(db.insert(webhookDeliveries).values(input).returning(deliveryColumns));
  return row!;
}

/**
 * Records a rejection folded by its id (derived from trigger, client, reason and window by the
 * caller): the first one inserts the row with count 1, each further one adds 1 to its count. So a
 * flood writes one row per window, not one per request.
 */
export async function recordFoldedRejection(
  db: Db,
  input: { id: string; source: TriggerSource; triggerId: string; reason: string; summary: Record<string, unknown> },
): Promise<void> {
  await driverErrors(
    db
      .insert(webhookDeliveries)
      .values({ ...input, outcome: 'rejected', count: 1 })
      .onConflictDoUpdate({ target: webhookDeliveries.id, set: { count: sql`${webhookDeliveries.count} + 1`, updatedAt: sql`now()` } }),
  );
}

/** Inserts an accepted delivery (start pending); undefined when this delivery was accepted before. */
export async function recordAcceptedDelivery(
  db: Db,
  input: Omit<RecordDeliveryInput, 'outcome' | 'startStatus'> & { deliveryId: string; goalId: string; request: DeliveryGoalRequest },
): Promise<DeliveryRow | undefined> {
  const [row] = await driverErrors(
    db
      .insert(webhookDeliveries)
      .values({ ...input, outcome: 'accepted', startStatus: 'pending' })
      .onConflictDoNothing({
        target: [webhookDeliveries.source, webhookDeliveries.deliveryId],
        where: sql`${webhookDeliveries.outcome} = 'accepted'`,
      })
      .returning(deliveryColumns),
  );
  return row;
}

export async function findAcceptedDelivery(db: Db, source: TriggerSource, deliveryId: string): Promise<DeliveryRow | undefined> {
  const [row] = await db
    .select(deliveryColumns)
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.source, source), eq(webhookDeliveries.deliveryId, deliveryId), eq(webhookDeliveries.outcome, 'accepted')));
  return row;
}

/** The first accepted delivery for a goal (a Jira issue's later events join the goal it started). */
export async function findAcceptedDeliveryForGoal(db: Db, goalId: string): Promise<DeliveryRow | undefined> {
  const [row] = await db
    .select(deliveryColumns)
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.goalId, goalId), eq(webhookDeliveries.outcome, 'accepted')))
    .orderBy(asc(webhookDeliveries.createdAt))
    .limit(1);
  return row;
}

/**
 * Sets where a delivery's start stands. `pending` never undoes `started`: a slow start that fails after
 * the recovery loop (or a concurrent start) got the goal going must not send it round again.
 */
export async function markDeliveryStart(db: Db, id: string, status: DeliveryStartStatus, reason?: string): Promise<void> {
  const notStarted = status === 'pending' ? ne(webhookDeliveries.startStatus, 'started') : undefined;
  await db
    .update(webhookDeliveries)
    .set({ startStatus: status, ...(reason !== undefined ? { reason } : {}), updatedAt: sql`now()` })
    .where(and(eq(webhookDeliveries.id, id), notStarted));
}

/** Accepted deliveries whose goal has not been started and that were last touched before `before`. */
export async function listPendingDeliveries(db: Db, before: Date, limit = 50): Promise<DeliveryRow[]> {
  return db
    .select(deliveryColumns)
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.startStatus, 'pending'), lt(webhookDeliveries.updatedAt, before)))
    .orderBy(asc(webhookDeliveries.createdAt))
    .limit(limit);
}

export type ListDeliveriesInput = { triggerId: string; limit?: number; cursor?: string };

export async function listDeliveries(db: Db, opts: ListDeliveriesInput): Promise<Page<DeliveryRow>> {
  const limit = pageLimit(opts.limit);
  const rows = await db
    .select(deliveryColumns)
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.triggerId, opts.triggerId), afterCursor(webhookDeliveries, opts.cursor)))
    .orderBy(...newestFirst(webhookDeliveries))
    .limit(limit + 1);
  return toPage(rows, limit);
}

/** Deliveries per outcome, across every trigger (GET /triggers/status). */
export async function countDeliveriesByOutcome(db: Db): Promise<Record<DeliveryOutcome, number>> {
  const rows = await db
    .select({ outcome: webhookDeliveries.outcome, count: sql<number>`count(*)::int` })
    .from(webhookDeliveries)
    .groupBy(webhookDeliveries.outcome);
  const counts: Record<DeliveryOutcome, number> = { accepted: 0, duplicate: 0, ignored: 0, rejected: 0 };
  for (const row of rows) counts[row.outcome] = Number(row.count);
  return counts;
}
