/** zod schemas for workers. The public shape never carries the token hash or prefix. */
import { createSelectSchema } from 'drizzle-zod';
import { z } from 'zod';
import { workers } from './workers';

export const selectWorkerSchema = createSelectSchema(workers, { capabilities: z.array(z.string()) });
export const publicWorkerSchema = selectWorkerSchema.omit({ tokenHash: true, tokenPrefix: true });
export type Worker = z.infer<typeof selectWorkerSchema>;
