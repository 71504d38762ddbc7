/**
 * Column builders shared by every table. Timestamps are stored with millisecond precision on purpose:
 * keyset cursors carry a JS Date (ms), and a microsecond-precise column would make rows that share the
 * cursor's millisecond sort on the wrong side of it, so pages would skip or repeat rows.
 */
import { timestamp } from 'drizzle-orm/pg-core';

export const createdAt = () =>
  timestamp('created_at', { withTimezone: true, precision: 3, mode: 'date' }).notNull().defaultNow();

export const updatedAt = () =>
  timestamp('updated_at', { withTimezone: true, precision: 3, mode: 'date' }).notNull().defaultNow();
