/** zod schemas for usage records. */
import { createInsertSchema, createSelectSchema } from 'drizzle-zod';
import type { z } from 'zod';
import { usageRecords } from './usage-records';

export const selectUsageRecordSchema = createSelectSchema(usageRecords);
export const insertUsageRecordSchema = createInsertSchema(usageRecords);

export type UsageRecord = z.infer<typeof selectUsageRecordSchema>;
export type NewUsageRecord = z.infer<typeof insertUsageRecordSchema>;
