/** drizzle's own bookkeeping table, declared so tests can count applied migrations with a typed query. */
import fs from 'node:fs';
import path from 'node:path';
import { count } from 'drizzle-orm';
import { bigint, pgSchema, serial, text } from 'drizzle-orm/pg-core';
import type { Db } from '../client';

const drizzleSchema = pgSchema('drizzle');
const migrationsTable = drizzleSchema.table('__drizzle_migrations', {
  id: serial('id').primaryKey(),
  hash: text('hash').notNull(),
  createdAt: bigint('created_at', { mode: 'number' }),
});

export async function appliedMigrations(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(migrationsTable);
  return row?.n ?? 0;
}

/** How many migrations the committed journal lists. */
export function journalEntries(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'migrations', 'meta', '_journal.json'), 'utf8'));
  return (journal.entries as unknown[]).length;
}
