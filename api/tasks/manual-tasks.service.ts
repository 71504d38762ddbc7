/**
 * Manual tasks (POST /tasks, PATCH /tasks/{id}, POST /tasks/{id}/followups): work that no goal
 * schedules, filed as `todo` tasks of a team under its backlog goal row for the autopilot. A task's
 * dependencies must exist (and be visible to the caller) and may never form a cycle; PATCH changes
 * fields only, never the status (that is what the task actions are for).
 */
import { randomUUID } from 'node:crypto';
import { taskWorkflowId } from '../../core/task-queues';
import { getTask, insertTasksIfAbsent, listChildTasks, updateTaskFields, type TaskRow, type UpsertTaskInput } from '../../db/queries/tasks';
import { getWorker } from '../../db/queries/workers';
import type { Principal } from '../auth/principal';
import type { ApiContext } from '../context';
import { BadRequestError, NotFoundError } from '../errors/domain-errors';
import { assertCanUseTeam, assertTeamsExist, inScope, teamScope } from '../teams/team-scope';
import { plannerSettings } from '../planner/planner-settings.service';
import { ensureBacklogGoal } from '../teams/setup-scrum.service';
import { findTaskRow, presentTaskRow } from './task.presenter';
import type { CreateTaskBody, FollowupsBody, UpdateTaskBody } from './tasks.schemas';

/** A dependency as stored: a task id, or (for a goal's plan) a subtask id of the same goal. */
async function resolveDependency(app: Pick<ApiContext, 'db'>, goalId: string, dep: string): Promise<TaskRow | undefined> {
  return (await getTask(app.db, dep)) ?? (await getTask(app.db, `${goalId}.${dep}`));
}

async function assertDependenciesExist(app: ApiContext, principal: Principal, dependsOn: string[]): Promise<void> {
  const scope = await teamScope(app, principal);
  const missing: string[] = [];
  for (const dep of dependsOn) {
    const row = await getTask(app.db, dep);
    // A task of another team is as unknown to an operator as one that does not exist.
    if (!row || !inScope(scope, row.teamId)) missing.push(dep);
  }
  if (missing.length > 0) throw new BadRequestError('missing_dependencies', `Unknown dependencies: ${missing.join(', ')}`, { missing });
}

/** Throws dependency_cycle_detected when `taskId` would (transitively) depend on itself. */
async function assertNoCycle(app: ApiContext, taskId: string, goalId: string, dependsOn: string[]): Promise<void> {
  const seen = new Set<string>();
  const stack = dependsOn.map((dep) => ({ goalId, dep, path: [taskId] }));
  while (stack.length > 0) {
    const { goalId: g, dep, path } = stack.pop()!;
    const row = await resolveDependency(app, g, dep);
    if (!row) continue;
    if (row.id === taskId) {
      throw new BadRequestError('dependency_cycle_detected', `The dependencies form a cycle: ${[...path, taskId].join(' → ')}`, { cycle: [...path, taskId] });
    }
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    for (const next of row.dependsOn) stack.push({ goalId: row.goalId, dep: next, path: [...path, row.id] });
  }
}

async function assertWorkerExists(app: ApiContext, workerId: string | null | undefined): Promise<void> {
  if (workerId && !(await getWorker(app.db, workerId))) throw new NotFoundError('Worker', workerId);
}

function manualTaskRow(id: string, goalId: string, fields: Omit<UpsertTaskInput, 'id' | 'goalId' | 'subtaskId' | 'status' | 'origin' | 'attempt' | 'workflowId'>): UpsertTaskInput {
  return { id, goalId, subtaskId: id.slice(goalId.length + 1), status: 'todo', origin: 'manual', attempt: 0, workflowId: taskWorkflowId(id), ...fields };
}

export async function createManualTask(app: ApiContext, principal: Principal, body: CreateTaskBody) {
  const parent = body.parentTaskId ? await findTaskRow(app, body.parentTaskId) : undefined;
  const scope = await teamScope(app, principal);
  if (parent && !inScope(scope, parent.teamId)) throw new NotFoundError('Task', parent.id);
  const teamId = body.teamId ?? parent?.teamId ?? undefined;
  await assertCanUseTeam(app, principal, teamId);
  if (teamId) await assertTeamsExist(app, [teamId]);
  await assertWorkerExists(app, body.pinnedWorkerId);
  const dependsOn = [...new Set(body.dependsOn)];
  await assertDependenciesExist(app, principal, dependsOn);

  const goalId = await ensureBacklogGoal(app, teamId, { createdBy: principal.userId });
  const id = `${goalId}.m-${randomUUID()}`;
  // A brand-new task cannot close a cycle (nothing depends on it yet), but its id may have been named.
  await assertNoCycle(app, id, goalId, dependsOn);
  await insertTasksIfAbsent(app.db, [manualTaskRow(id, goalId, {
    title: body.title ?? body.description.split('\n')[0]!.slice(0, 500), description: body.description, dependsOn,
    priority: body.priority ?? (await plannerSettings(app)).defaultPriority,
    depth: parent ? parent.depth + 1 : 0, teamId: teamId ?? null, parentTaskId: parent?.id ?? null,
    pinnedWorkerId: body.pinnedWorkerId ?? null, requiredCapabilities: body.requiredCapabilities,
  })]);
  return findTaskRow(app, id);
}

export async function updateTask(app: ApiContext, principal: Principal, id: string, body: UpdateTaskBody) {
  const row = await findTaskRow(app, id);
  if (body.dependsOn) {
    const dependsOn = [...new Set(body.dependsOn)];
    await assertDependenciesExist(app, principal, dependsOn);
    await assertNoCycle(app, row.id, row.goalId, dependsOn);
    body = { ...body, dependsOn };
  }
  await assertWorkerExists(app, body.pinnedWorkerId);
  const updated = await updateTaskFields(app.db, id, body);
  if (!updated) throw new NotFoundError('Task', id);
  return updated;
}

const normalise = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Follow-ups of a task, filed as manual tasks of its team under it (parentTaskId). An item whose
 * description is empty, or the same (ignoring case and spacing) as an existing follow-up of this task
 * or an earlier item, is skipped with the reason; the rest are created.
 */
export async function createFollowups(app: ApiContext, principal: Principal, id: string, body: FollowupsBody) {
  const parent = await findTaskRow(app, id);
  const known = new Set((await listChildTasks(app.db, parent.id)).map((t) => normalise(t.description)));
  const skipped: Array<{ index: number; description: string; reason: 'duplicate' | 'empty_description' }> = [];
  const rows: UpsertTaskInput[] = [];
  const goalId = await ensureBacklogGoal(app, parent.teamId, { createdBy: principal.userId });
  for (const [index, item] of body.items.entries()) {
    const key = normalise(item.description);
    if (!key) {
      skipped.push({ index, description: item.description, reason: 'empty_description' });
      continue;
    }
    if (known.has(key)) {
      skipped.push({ index, description: item.description, reason: 'duplicate' });
      continue;
    }
    known.add(key);
    const description = item.description.trim();
    rows.push(manualTaskRow(`${goalId}.f-${randomUUID()}`, goalId, {
      title: description.split('\n')[0]!.slice(0, 500), description, priority: item.priority ?? parent.priority, dependsOn: [],
      depth: parent.depth + 1, teamId: parent.teamId, parentTaskId: parent.id,
    }));
  }
  await insertTasksIfAbsent(app.db, rows);
  const created = await Promise.all(rows.map((r) => findTaskRow(app, r.id)));
  return { created: created.map(presentTaskRow), skipped };
}
