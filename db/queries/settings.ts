/** Settings: values created once and then shared by every replica, and values an admin changes. */
import { eq } from 'drizzle-orm';
import type { Db } from '../client';
import { settings } from '../schema';

/**
 * Returns the setting, creating it with `create()` if absent. Race-safe across replicas: every caller
 * inserts with ON CONFLICT DO NOTHING, then reads back whichever value won.
 */
export async function getOrCreateSetting(db: Db, key: string, create: () => string): Promise<string> {
  await db.insert(settings).values({ key, value: create() }).onConflictDoNothing({ target: settings.key });
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  if (!row) throw new Error(`Setting ${key} vanished after it was created`);
  return row.value;
}

/** The stored value, or undefined when nobody has set it yet. */
export async function getSetting(db: Db, key: string): Promise<string | undefined> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return row?.value;
}

/** Stores the value, replacing any earlier one (last writer wins). */
export async function putSetting(db: Db, key: string, value: string): Promise<void> {
  await db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } });
}
