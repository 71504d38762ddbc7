/**
 * Generic senders: `{goal, context?}`, `{title, description}` or `{tasks:[{title?, description,
 * priority?}]}` (the tasks become the goal's plan). Dedupe on X-Delivery-Id.
 */
import { z } from 'zod';
import { ignore, type ParseOutcome, type SourceParser, type WebhookEvent } from './types';

// The original's senders write "High"; any case is accepted.
const priority = z
  .string()
  .optional()
  .transform((v) => v?.toLowerCase() ?? 'medium')
  .pipe(z.enum(['low', 'medium', 'high']));
const shapes = z.union([
  z.object({ goal: z.string().trim().min(1), context: z.string().optional(), priority }),
  z.object({ title: z.string().trim().min(1), description: z.string().default(''), priority }),
  z.object({
    title: z.string().optional(),
    tasks: z.array(z.object({ title: z.string().optional(), description: z.string().trim().min(1), priority })).min(1).max(20),
  }),
]);

function parse({ body }: WebhookEvent): ParseOutcome {
  const parsed = shapes.safeParse(body);
  if (!parsed.success) return ignore('expected {goal}, {title, description} or {tasks:[…]}');
  const data = parsed.data;
  if ('goal' in data) {
    return { kind: 'create', tasks: [{ title: data.goal, description: data.context ?? '', priority: data.priority }], summary: { shape: 'goal' } };
  }
  if ('tasks' in data) {
    const tasks = data.tasks.map((t) => ({ title: t.title?.trim() || t.description.split('\n')[0]!.slice(0, 200), description: t.description, priority: t.priority }));
    return { kind: 'create', tasks, summary: { shape: 'tasks', count: tasks.length, ...(data.title ? { title: data.title } : {}) } };
  }
  return { kind: 'create', tasks: [{ title: data.title, description: data.description, priority: data.priority }], summary: { shape: 'title' } };
}

export const genericParser: SourceParser = {
  deliveryId: ({ headers }: WebhookEvent) => headers['x-delivery-id'],
  parse,
};
