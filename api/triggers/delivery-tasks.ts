/**
 * Deliveries to a target:'tasks' trigger: the parsed tasks are filed as manual `todo` tasks of the
 * trigger's team (under its backlog goal row) for the autopilot, instead of starting a goal. The
 * design is the goal path's: the accepted delivery row is written first and carries everything needed
 * to create the tasks (including their ids, derived from the delivery), then the tasks are inserted
 * only where absent. So a repeated delivery, five concurrent copies and the recovery loop all end with
 * the same tasks, created once.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { taskWorkflowId } from '../../core/task-queues';
import { insertTasksIfAbsent, type UpsertTaskInput } from '../../db/queries/tasks';
import type { TriggerRow } from '../../db/queries/triggers';
import type { DeliveryRow } from '../../db/queries/webhook-deliveries';
import type { DeliveryGoalRequest, TriggerSource } from '../../db/schema';
import type { ApiContext } from '../context';
import { backlogGoalId, ensureBacklogGoal } from '../teams/setup-scrum.service';
import { goalRequestFor } from './goal-request';
import type { ParsedTask } from './parsers';

/** The accepted row's request for a tasks delivery: the goal-shaped fields plus the tasks to file. */
const tasksRequestSchema = z.object({
  target: z.literal('tasks'),
  teamId: z.string().optional(),
  taskIds: z.array(z.string()),
  tasks: z.array(z.object({
    title: z.string(), description: z.string(), priority: z.enum(['low', 'medium', 'high']), dependsOn: z.array(z.number().int()).optional(),
  })),
});
export type DeliveryTasksRequest = DeliveryGoalRequest & z.infer<typeof tasksRequestSchema>;

/** The tasks part of a delivery's stored request, or undefined for a goal delivery. */
export function tasksRequestOf(request: DeliveryGoalRequest | null | undefined): z.infer<typeof tasksRequestSchema> | undefined {
  const parsed = tasksRequestSchema.safeParse(request);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Task ids of a delivery: `<backlog goal>.wh-<hash>-t<n>`, a function of the source and the delivery
 * (or the subject, for a Jira issue's later events), so every attempt names the same rows.
 */
export function deliveryTaskIds(source: TriggerSource, key: string, teamId: string | null | undefined, count: number): string[] {
  const hash = createHash('sha256').update(`${source}\u0000${key}`).digest('hex').slice(0, 16);
  return Array.from({ length: count }, (_, i) => `${backlogGoalId(teamId)}.wh-${hash}-t${i + 1}`);
}

export function tasksRequestFor(source: TriggerSource, trigger: Pick<TriggerRow, 'teamId' | 'templateId' | 'autopilot'>, tasks: ParsedTask[], key: string, title?: string): DeliveryTasksRequest {
  return {
    ...goalRequestFor(source, trigger, tasks, title),
    target: 'tasks',
    taskIds: deliveryTaskIds(source, key, trigger.teamId, tasks.length),
    tasks: tasks.map((t) => ({ title: t.title.slice(0, 500), description: t.description || t.title, priority: t.priority, ...(t.dependsOn?.length ? { dependsOn: t.dependsOn } : {}) })),
  };
}

/** Creates the delivery's tasks where they do not exist yet (idempotent); returns their ids. */
export async function fileDeliveryTasks(app: Pick<ApiContext, 'db' | 'config'>, delivery: Pick<DeliveryRow, 'id' | 'source' | 'request'>): Promise<string[]> {
  const request = tasksRequestOf(delivery.request);
  if (!request) throw new Error(`Delivery ${delivery.id} has no tasks to file`);
  const goalId = await ensureBacklogGoal(app, request.teamId, { createdBy: `webhook:${delivery.source}` });
  const rows: UpsertTaskInput[] = request.tasks.map((t, i) => {
    const id = request.taskIds[i]!;
    return {
      id, goalId, subtaskId: id.slice(goalId.length + 1), title: t.title, description: t.description, status: 'todo', priority: t.priority,
      dependsOn: (t.dependsOn ?? []).map((j) => request.taskIds[j]!), origin: 'manual', depth: 0, attempt: 0,
      workflowId: taskWorkflowId(id), teamId: request.teamId ?? null,
    };
  });
  await insertTasksIfAbsent(app.db, rows);
  return request.taskIds;
}
