/** Installation-wide values that every replica must agree on (e.g. the JWT signing secret). */
import { pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt } from '../columns';

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  createdAt: createdAt(),
});
