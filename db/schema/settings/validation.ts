/** zod schemas for settings rows. */
import { createInsertSchema, createSelectSchema } from 'drizzle-zod';
import type { z } from 'zod';
import { settings } from './settings';

export const selectSettingSchema = createSelectSchema(settings);
export const insertSettingSchema = createInsertSchema(settings);

export type Setting = z.infer<typeof selectSettingSchema>;
export type NewSetting = z.infer<typeof insertSettingSchema>;
