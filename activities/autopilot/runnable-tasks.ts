/**
 * The autopilot's reads and writes on the tasks table: which manual tasks may run now, claiming one
 * (todo → assigned, only if still todo), and recording how it ended. Kept here, beside the activities
 * that use them, because db/queries/tasks.ts is shared by the goal path; they are plain functions with
 * `db` first, like every query module, so they can move there unchanged.
 */
import { and, asc, eq, inArray, isNull, notInArray, or, sql } from 'drizzle-orm';
import type { ErrorInfo } from '../../core/types';
import type { Usage } from '../../core/usage';
import type { Db } from '../../db/client';
import { tasks, workers, type TaskStatus } from '../../db/schema';

export interface RunnableTask {
  id: string;
  goalId: string;
  subtaskId: string;
  title: string;
  description: string;
  teamId: string | null;
  attempt: number;
  dependsOn: string[];
  /** Pinning, passed to the task workflow as TaskInput.pin (absent in rows read before pinning). */
  pinnedWorkerId?: string | null;
  requiredCapabilities?: string[];
}

/** How many todo candidates one look reads at most (tasks blocked by dependencies are skipped after). */
const CANDIDATE_WINDOW = 200;

const priorityRank = sql`case ${tasks.priority} when 'high' then 0 when 'medium' then 1 else 2 end`;

/**
 * Todo tasks that no goal schedules (origin `manual`: created by hand, by a webhook or a Scrum setup)
 * whose dependencies have all completed, highest priority and oldest first. A dependency names a task
 * of the same goal by its subtask id (or any task by its id); an unknown one never counts as completed.
 */
export async function listRunnableTasks(db: Db, opts: { teamId?: string; limit: number; excludeIds?: string[]; skipPinnedTo?: string[] }): Promise<RunnableTask[]> {
  if (opts.limit <= 0) return [];
  const candidates = await db
    .select({
      id: tasks.id, goalId: tasks.goalId, subtaskId: tasks.subtaskId, title: tasks.title, description: tasks.description,
      teamId: tasks.teamId, attempt: tasks.attempt, dependsOn: tasks.dependsOn,
      pinnedWorkerId: tasks.pinnedWorkerId, requiredCapabilities: tasks.requiredCapabilities,
    })
    .from(tasks)
    .where(and(
      eq(tasks.status, 'todo'),
      eq(tasks.origin, 'manual'),
      opts.teamId !== undefined ? eq(tasks.teamId, opts.teamId) : undefined,
      opts.excludeIds?.length ? notInArray(tasks.id, opts.excludeIds) : undefined,
      opts.skipPinnedTo?.length ? or(isNull(tasks.pinnedWorkerId), notInArray(tasks.pinnedWorkerId, opts.skipPinnedTo)) : undefined,
    ))
    .orderBy(priorityRank, asc(tasks.createdAt), asc(tasks.id))
    .limit(CANDIDATE_WINDOW);
  const deps = [...new Set(candidates.flatMap((c) => c.dependsOn))];
  const done = new Set<string>();
  if (deps.length > 0) {
    const goalIds = [...new Set(candidates.map((c) => c.goalId))];
    const rows = await db
      .select({ id: tasks.id, goalId: tasks.goalId, subtaskId: tasks.subtaskId })
      .from(tasks)
      .where(and(eq(tasks.status, 'completed'), or(inArray(tasks.id, deps), and(inArray(tasks.goalId, goalIds), inArray(tasks.subtaskId, deps)))));
    for (const r of rows) {
      done.add(r.id);
      done.add(`${r.goalId}\u0000${r.subtaskId}`);
    }
  }
  return candidates
    .filter((c) => c.dependsOn.every((d) => done.has(d) || done.has(`${c.goalId}\u0000${d}`)))
    .slice(0, opts.limit);
}

/**
 * todo → assigned with the workflow that will run it; false when someone else got there first. A retry
 * of a claim that did succeed finds the row already assigned to the same workflow, and succeeds again.
 */
export async function claimTask(db: Db, input: { taskId: string; workflowId: string; attempt: number }): Promise<boolean> {
  const claimed = await db
    .update(tasks)
    .set({ status: 'assigned', workflowId: input.workflowId, attempt: input.attempt, updatedAt: sql`now()` })
    .where(and(
      eq(tasks.id, input.taskId),
      or(eq(tasks.status, 'todo'), and(eq(tasks.status, 'assigned'), eq(tasks.workflowId, input.workflowId))),
    ))
    .returning({ id: tasks.id });
  return claimed.length > 0;
}

export interface FinishTaskInput {
  taskId: string;
  status: TaskStatus;
  error?: ErrorInfo | null;
  usage?: Usage;
  verdict?: { success: boolean; summary: string } | null;
}

/**
 * Who ran a task, as the autopilot's circuit breakers key it: the row names the worker (tasks.agent is
 * the registered worker's name, what GET /tasks?agent= filters on) and a pin names its id, so the name
 * is turned into the registered id here. One key per worker, whichever way it came in: a pinned task's
 * failures open the circuit that its pin is checked against. workerId is null when the command ran on
 * a worker that never registered (the shared pool) or no command ran.
 */
export type TaskRunner = { agent: string | null; workerId: string | null };

/** The outcome of a run: final status, error (cleared on success), usage and verdict; answers who ran it. */
export async function finishTask(db: Db, input: FinishTaskInput): Promise<TaskRunner> {
  const [row] = await db
    .update(tasks)
    .set({
      status: input.status, error: input.error ?? null, updatedAt: sql`now()`,
      ...(input.usage ? { usage: input.usage } : {}), ...(input.verdict !== undefined ? { verdict: input.verdict } : {}),
    })
    .where(eq(tasks.id, input.taskId))
    .returning({ agent: tasks.agent });
  const agent = row?.agent ?? null;
  if (!agent) return { agent, workerId: null };
  const [worker] = await db.select({ id: workers.id }).from(workers).where(eq(workers.name, agent));
  return { agent, workerId: worker?.id ?? null };
}
