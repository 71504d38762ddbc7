/** zod schemas for templates. */
import { createInsertSchema, createSelectSchema } from 'drizzle-zod';
import { z } from 'zod';
import { templates } from './templates';

const variables = z.array(z.string().min(1));

export const selectTemplateSchema = createSelectSchema(templates, { variables });
export const insertTemplateSchema = createInsertSchema(templates, { variables: variables.optional() });

export type Template = z.infer<typeof selectTemplateSchema>;
export type NewTemplate = z.infer<typeof insertTemplateSchema>;
