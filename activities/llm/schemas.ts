/** zod schemas of the structured answers; anything else from a model is malformed, never "empty". */
import { z } from 'zod';

const subtaskId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'subtask ids are short slugs');

export const planAnswerSchema = z.object({
  subtasks: z
    .array(
      z.object({
        id: subtaskId,
        title: z.string().trim().min(1).max(200),
        description: z.string().trim().min(1).max(4000),
        dependsOn: z.array(subtaskId).default([]),
      }),
    )
    .min(1, 'a plan needs at least one subtask'),
  note: z.string().optional(),
});

export const stepAnswerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('command'), reasoning: z.string().default(''), command: z.string().trim().min(1).max(8000) }),
  z.object({ kind: z.literal('done'), success: z.boolean(), summary: z.string().default('') }),
]);

export const followupsAnswerSchema = z.object({
  followups: z.array(
    z.object({ description: z.string().trim().min(1).max(2000), priority: z.enum(['low', 'medium', 'high']).optional() }),
  ),
});
