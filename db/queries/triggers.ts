/**
 * Triggers. Reads for listing and the API return `TriggerRow`, which has no secret columns at all; only
 * `getTriggerSecrets` reads the ciphertexts, for the receiver that verifies signatures.
 */
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { driverErrors } from '../errors';
import { triggers, type TriggerRateLimit, type TriggerSource, type TriggerTarget } from '../schema';
import { afterCursor, newestFirst, pageLimit, toPage, type Page } from './pagination';

export type TriggerRow = {
  id: string;
  source: TriggerSource;
  name: string;
  enabled: boolean;
  hasSecret: boolean;
  ipAllowlist: string[];
  rateLimit: TriggerRateLimit;
  teamId: string | null;
  templateId: string | null;
  autopilot: boolean;
  target: TriggerTarget;
  isDefault: boolean;
  createdAt: Date;
  updatedAt: Date;
};

const triggerColumns = {
  id: triggers.id,
  source: triggers.source,
  name: triggers.name,
  enabled: triggers.enabled,
  hasSecret: sql<boolean>`(${triggers.secretCiphertext} is not null)`.as('has_secret'),
  ipAllowlist: triggers.ipAllowlist,
  rateLimit: triggers.rateLimit,
  teamId: triggers.teamId,
  templateId: triggers.templateId,
  autopilot: triggers.autopilot,
  target: triggers.target,
  isDefault: triggers.isDefault,
  createdAt: triggers.createdAt,
  updatedAt: triggers.updatedAt,
};

export type TriggerFields = {
  name?: string;
  enabled?: boolean;
  secretCiphertext?: string | null;
  previousSecretCiphertext?: string | null;
  previousSecretExpiresAt?: Date | null;
  ipAllowlist?: string[];
  rateLimit?: TriggerRateLimit;
  teamId?: string | null;
  templateId?: string | null;
  autopilot?: boolean;
  target?: TriggerTarget;
  isDefault?: boolean;
};

export type InsertTriggerInput = TriggerFields & { id: string; source: TriggerSource; name: string };

/** A new default takes over from the source's previous one, in the same transaction. */
async function clearOtherDefaults(db: Db, source: TriggerSource, keepId: string): Promise<void> {
  await db
    .update(triggers)
    .set({ isDefault: false, updatedAt: sql`now()` })
    .where(and(eq(triggers.source, source), eq(triggers.isDefault, true), ne(triggers.id, keepId)));
}

export async function insertTrigger(db: Db, input: InsertTriggerInput): Promise<TriggerRow> {
  return driverErrors(
    db.transaction(async (tx) => {
      if (input.isDefault) await clearOtherDefaults(tx, input.source, input.id);
      const [row] = await tx.insert(triggers).values(input).returning(triggerColumns);
      return row!;
    }),
  );
}

/** Changes the given fields; undefined ones stay. Returns undefined for an unknown id. */
export async function updateTrigger(db: Db, id: string, fields: TriggerFields): Promise<TriggerRow | undefined> {
  const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  return driverErrors(
    db.transaction(async (tx) => {
      const [current] = await tx.select({ source: triggers.source }).from(triggers).where(eq(triggers.id, id));
      if (!current) return undefined;
      if (fields.isDefault) await clearOtherDefaults(tx, current.source, id);
      const [row] = await tx.update(triggers).set({ ...set, updatedAt: sql`now()` }).where(eq(triggers.id, id)).returning(triggerColumns);
      return row;
    }),
  );
}

export async function deleteTrigger(db: Db, id: string): Promise<boolean> {
  const rows = await db.delete(triggers).where(eq(triggers.id, id)).returning({ id: triggers.id });
  return rows.length > 0;
}

export async function getTrigger(db: Db, id: string): Promise<TriggerRow | undefined> {
  const [row] = await db.select(triggerColumns).from(triggers).where(eq(triggers.id, id));
  return row;
}

export async function getDefaultTrigger(db: Db, source: TriggerSource): Promise<TriggerRow | undefined> {
  const [row] = await db.select(triggerColumns).from(triggers).where(and(eq(triggers.source, source), eq(triggers.isDefault, true)));
  return row;
}

export type TriggerSecrets = { current: string | null; previous: string | null; previousExpiresAt: Date | null };

/** The encrypted secrets of one trigger: the only query that reads them. */
export async function getTriggerSecrets(db: Db, id: string): Promise<TriggerSecrets | undefined> {
  const [row] = await db
    .select({
      current: triggers.secretCiphertext,
      previous: triggers.previousSecretCiphertext,
      previousExpiresAt: triggers.previousSecretExpiresAt,
    })
    .from(triggers)
    .where(eq(triggers.id, id));
  return row;
}

export type ListTriggersInput = { source?: TriggerSource; teamId?: string; limit?: number; cursor?: string };

export async function listTriggers(db: Db, opts: ListTriggersInput = {}): Promise<Page<TriggerRow>> {
  const limit = pageLimit(opts.limit);
  const rows = await db
    .select(triggerColumns)
    .from(triggers)
    .where(
      and(
        opts.source ? eq(triggers.source, opts.source) : undefined,
        opts.teamId !== undefined ? eq(triggers.teamId, opts.teamId) : undefined,
        afterCursor(triggers, opts.cursor),
      ),
    )
    .orderBy(...newestFirst(triggers))
    .limit(limit + 1);
  return toPage(rows, limit);
}
