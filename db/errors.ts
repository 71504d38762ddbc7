/**
 * Driver errors. drizzle wraps every failed query in a DrizzleQueryError whose message embeds the SQL
 * and its parameters — a password hash, for one — so writes that can break a constraint rethrow the
 * driver's own error (pg's or PGlite's, both carrying the SQLSTATE in `code`, e.g. 23505 unique
 * violation, 23503 foreign key violation). pgErrorCode finds the code on either shape.
 */
import { DrizzleQueryError } from 'drizzle-orm/errors';

export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';

/** The SQLSTATE of a database error, looking through drizzle's wrapper; undefined for other errors. */
export function pgErrorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as Error).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** Awaits a query, replacing drizzle's wrapper (SQL text and parameters in its message) by the driver error. */
export async function driverErrors<T>(query: Promise<T>): Promise<T> {
  try {
    return await query;
  } catch (err) {
    if (err instanceof DrizzleQueryError && err.cause) throw err.cause;
    throw err;
  }
}
