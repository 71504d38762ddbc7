/** POST /tasks/auto-planner/analyze/{taskId}: the follow-ups filed and what the analysis found. */
import { z } from 'zod';
import { usageSchema } from '../shared/common.schemas';
import { taskSummarySchema } from '../tasks/tasks.schemas';

export const analyzeParams = z.object({ taskId: z.string().min(1).max(300) });

export const analyzeResultSchema = z
  .object({
    followupsCreated: z.array(taskSummarySchema),
    analysis: z.object({
      taskId: z.string(),
      summary: z.string(),
      suggested: z.array(z.object({ description: z.string(), priority: z.enum(['low', 'medium', 'high']).optional() })),
      skipped: z.array(z.object({ index: z.number().int(), description: z.string(), reason: z.enum(['duplicate', 'empty_description', 'max_depth']) })),
      usage: usageSchema,
    }),
  })
  .meta({ id: 'TaskAnalysis' });
