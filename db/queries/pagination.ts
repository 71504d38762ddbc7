/**
 * Keyset pagination, newest first on (created_at desc, id desc) — the order of every list endpoint.
 * The cursor is the last row's (createdAt, id), base64url-encoded; it stays valid while rows are added.
 */
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

export type Page<T> = { items: T[]; nextCursor: string | null };

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 200;

/** A cursor that was not produced by encodeCursor (or was tampered with). */
export class InvalidCursorError extends Error {
  constructor(readonly cursor: string) {
    super('Invalid pagination cursor');
    this.name = 'InvalidCursorError';
  }
}

export function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(JSON.stringify([createdAt.toISOString(), id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url');
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') {
      const createdAt = new Date(parsed[0]);
      if (!Number.isNaN(createdAt.getTime()) && parsed[1].length > 0) return { createdAt, id: parsed[1] };
    }
  } catch {
    // fall through: every malformed cursor is reported the same way
  }
  throw new InvalidCursorError(cursor);
}

/** Clamps a requested page size into 1..MAX_PAGE_LIMIT (default DEFAULT_PAGE_LIMIT). */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_PAGE_LIMIT;
  return Math.min(MAX_PAGE_LIMIT, Math.max(1, Math.trunc(limit)));
}

type KeysetColumns = { createdAt: PgColumn; id: PgColumn };

/** The condition "after the cursor" in newest-first order, or undefined on the first page. */
export function afterCursor(cols: KeysetColumns, cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const c = decodeCursor(cursor);
  return or(lt(cols.createdAt, c.createdAt), and(eq(cols.createdAt, c.createdAt), lt(cols.id, c.id)));
}

export function newestFirst(cols: KeysetColumns): SQL[] {
  return [desc(cols.createdAt), desc(cols.id)];
}

/** Turns the `limit + 1` rows a list query fetched into a page and its next cursor. */
export function toPage<T extends { createdAt: Date; id: string }>(rows: T[], limit: number): Page<T> {
  if (rows.length <= limit) return { items: rows, nextCursor: null };
  const items = rows.slice(0, limit);
  const last = items[items.length - 1]!;
  return { items, nextCursor: encodeCursor(last.createdAt, last.id) };
}
