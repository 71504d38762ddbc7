/**
 * Generic senders: `{goal, context?}`, `{title, description}` or `{tasks:[{id?, title?, description,
 * priority?, dependsOn?}]}` (the tasks become the goal's plan, or manual tasks for a target:'tasks'
 * trigger). A dependency names another task of the same delivery by its 0-based index or by the
 * sender's own `id`; an unknown one or a cycle makes the delivery ignored with the reason, so nothing
 * half-linked is ever created. Dedupe on X-Delivery-Id.
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
    tasks: z
      .array(z.object({
        id: z.union([z.string().min(1).max(100), z.number().int()]).optional(),
        title: z.string().optional(),
        description: z.string().trim().min(1),
        priority,
        dependsOn: z.array(z.union([z.string().min(1).max(100), z.number().int()])).max(20).optional(),
      }))
      .min(1).max(20),
  }),
]);

type SentTask = { id?: string | number; dependsOn?: Array<string | number> };

/** Each task's dependencies as indexes, or the reason they cannot be kept (unknown name, cycle). */
export function resolveDependencies(tasks: SentTask[]): { ok: true; dependsOn: number[][] } | { ok: false; reason: string } {
  const byId = new Map<string, number>();
  tasks.forEach((t, i) => t.id !== undefined && byId.set(String(t.id), i));
  const dependsOn: number[][] = [];
  for (const [i, t] of tasks.entries()) {
    const mine: number[] = [];
    for (const ref of t.dependsOn ?? []) {
      // A sender id wins over an index, so `{id: 2}` may be named as 2 even when it is not the third task.
      const j = byId.get(String(ref)) ?? (typeof ref === 'number' && ref >= 0 && ref < tasks.length ? ref : undefined);
      if (j === undefined) return { ok: false, reason: `task ${i} depends on unknown task ${JSON.stringify(ref)}` };
      if (!mine.includes(j)) mine.push(j);
    }
    dependsOn.push(mine);
  }
  // Depth-first search for a cycle (a self-dependency included).
  const state = Array.from<unknown, 0 | 1 | 2>({ length: tasks.length }, () => 0);
  const visit = (i: number): boolean => {
    if (state[i] === 1) return true;
    if (state[i] === 2) return false;
    state[i] = 1;
    if (dependsOn[i]!.some(visit)) return true;
    state[i] = 2;
    return false;
  };
  if (tasks.some((_, i) => visit(i))) return { ok: false, reason: 'the tasks depend on each other in a cycle' };
  return { ok: true, dependsOn };
}

function parse({ body }: WebhookEvent): ParseOutcome {
  const parsed = shapes.safeParse(body);
  if (!parsed.success) return ignore('expected {goal}, {title, description} or {tasks:[…]}');
  const data = parsed.data;
  if ('goal' in data) {
    return { kind: 'create', tasks: [{ title: data.goal, description: data.context ?? '', priority: data.priority }], summary: { shape: 'goal' } };
  }
  if ('tasks' in data) {
    const links = resolveDependencies(data.tasks);
    if (!links.ok) return ignore(links.reason);
    const tasks = data.tasks.map((t, i) => ({
      title: t.title?.trim() || t.description.split('\n')[0]!.slice(0, 200), description: t.description, priority: t.priority,
      ...(links.dependsOn[i]!.length ? { dependsOn: links.dependsOn[i] } : {}),
    }));
    return { kind: 'create', tasks, summary: { shape: 'tasks', count: tasks.length, ...(data.title ? { title: data.title } : {}) } };
  }
  return { kind: 'create', tasks: [{ title: data.title, description: data.description, priority: data.priority }], summary: { shape: 'title' } };
}

export const genericParser: SourceParser = {
  deliveryId: ({ headers }: WebhookEvent) => headers['x-delivery-id'],
  parse,
};
