/**
 * LLM usage records: one per call batch, idempotent by key, summed for GET /usage. Days are UTC.
 * groupBy 'model' keys by `provider/model`, since two providers may serve models of the same name.
 */
import { and, asc, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { NO_TEAM_KEY, usageRecords, type UsageGroupBy } from '../schema';

export type RecordUsageInput = {
  /** Idempotency key: recording the same key twice stores one record. */
  key: string;
  goalId: string;
  taskId?: string;
  teamId?: string;
  provider: string;
  model: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencyMs?: number;
};

export async function recordUsage(db: Db, input: RecordUsageInput): Promise<{ inserted: boolean }> {
  const rows = await db
    .insert(usageRecords)
    .values({ id: crypto.randomUUID(), ...input })
    .onConflictDoNothing({ target: usageRecords.key })
    .returning({ id: usageRecords.id });
  return { inserted: rows.length > 0 };
}

/** `avgLatencyMs` averages the records that kept a latency (null when none did). */
export type UsageSummaryRow = { key: string; calls: number; inputTokens: number; outputTokens: number; costUsd: number; avgLatencyMs: number | null };

/** Inlined, not bound: a bound parameter would make the GROUP BY expression differ from the SELECT one. */
const groupKeys: Record<UsageGroupBy, SQL<string>> = {
  goal: sql<string>`${usageRecords.goalId}`,
  team: sql<string>`coalesce(${usageRecords.teamId}, ${sql.raw(`'${NO_TEAM_KEY}'`)})`,
  model: sql<string>`${usageRecords.provider} || '/' || ${usageRecords.model}`,
  day: sql<string>`to_char(${usageRecords.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`,
};

/** Totals per group, ordered by key; `since` is inclusive, `until` exclusive; `teamIds` limits to those teams' usage. */
export async function summarizeUsage(
  db: Db,
  opts: { groupBy: UsageGroupBy; since?: Date; until?: Date; teamIds?: readonly string[] },
): Promise<UsageSummaryRow[]> {
  const key = groupKeys[opts.groupBy];
  const rows = await db
    .select({
      key,
      calls: sql`sum(${usageRecords.calls})`.mapWith(Number),
      inputTokens: sql`sum(${usageRecords.inputTokens})`.mapWith(Number),
      outputTokens: sql`sum(${usageRecords.outputTokens})`.mapWith(Number),
      costUsd: sql`sum(${usageRecords.costUsd})`.mapWith(Number),
      avgLatencyMs: sql<number | null>`round(avg(${usageRecords.latencyMs}))`.mapWith((v: unknown) => (v === null ? null : Number(v))),
    })
    .from(usageRecords)
    .where(
      and(
        opts.since ? gte(usageRecords.createdAt, opts.since) : undefined,
        opts.until ? lt(usageRecords.createdAt, opts.until) : undefined,
        opts.teamIds ? inArray(usageRecords.teamId, opts.teamIds.length ? [...opts.teamIds] : ['']) : undefined,
      ),
    )
    .groupBy(key)
    .orderBy(asc(key));
  return rows.map((r) => ({ ...r, costUsd: Math.round(r.costUsd * 1e6) / 1e6 }));
}
