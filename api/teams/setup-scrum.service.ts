/**
 * POST /teams/setup-scrum: a Scrum team with a starter backlog. Tasks belong to a goal in the store,
 * so the backlog items are filed under one backlog goal row per team. That goal has no workflow and
 * stays `paused`; the items wait as `todo` manual tasks until someone (the autopilot, later) runs them.
 */
import { insertGoal } from '../../db/queries/goals';
import { findTeamTypeByName } from '../../db/queries/team-types';
import { upsertTask } from '../../db/queries/tasks';
import { taskWorkflowId } from '../../core/task-queues';
import type { Principal } from '../auth/principal';
import type { ApiContext } from '../context';
import { ensureDefaultTeamTypes } from './team-types.service';
import { createTeamWithMembers } from './teams.service';
import type { SetupScrumBody } from './teams.schemas';

export const STARTER_BACKLOG = [
  { title: 'Write the product vision', description: 'One paragraph: who it is for, what problem it solves, how we know it worked.', priority: 'high' },
  { title: 'Define the Definition of Done', description: 'The checks every backlog item passes before it counts as done.', priority: 'high' },
  { title: 'Groom the product backlog', description: 'Split, estimate and order the first items so a sprint can be planned.', priority: 'medium' },
  { title: 'Plan the first sprint', description: 'Pick a sprint goal and the items that serve it.', priority: 'medium' },
] as const;

/** The backlog goal row of a team (`backlog-global` for manual tasks of no team). */
export const backlogGoalId = (teamId: string | null | undefined): string => `backlog-${teamId ?? 'global'}`;

/**
 * The backlog goal row that manual tasks of a team (POST /tasks, target:'tasks' webhooks, Scrum setup)
 * hang off, since every task row names a goal. Idempotent: an existing row is returned unchanged.
 */
export async function ensureBacklogGoal(app: Pick<ApiContext, 'db' | 'config'>, teamId: string | null | undefined, opts: { name?: string; createdBy?: string } = {}): Promise<string> {
  const goalId = backlogGoalId(teamId);
  await insertGoal(app.db, {
    id: goalId, goal: `Backlog of ${opts.name ?? (teamId ? `team ${teamId}` : 'tasks of no team')}`, teamId: teamId ?? undefined, workflowId: goalId,
    status: 'paused', budget: app.config.defaults.budget, autopilot: false, createdBy: opts.createdBy,
  });
  return goalId;
}

export async function setupScrum(app: ApiContext, principal: Principal, body: SetupScrumBody) {
  await ensureDefaultTeamTypes(app.db);
  const scrum = (await findTeamTypeByName(app.db, 'Scrum'))!;
  const team = await createTeamWithMembers(app, { name: body.name, description: body.description, typeId: scrum.id });
  const goalId = await ensureBacklogGoal(app, team.id, { name: team.name, createdBy: principal.userId });
  const items = body.backlog ?? STARTER_BACKLOG;
  const taskIds: string[] = [];
  for (const [i, item] of items.entries()) {
    const id = `${goalId}.b${i + 1}`;
    await upsertTask(app.db, {
      id, goalId, subtaskId: `b${i + 1}`, title: item.title, description: item.description ?? item.title, status: 'todo', priority: item.priority,
      dependsOn: [], origin: 'manual', depth: 0, attempt: 0, workflowId: taskWorkflowId(id), teamId: team.id,
    });
    taskIds.push(id);
  }
  return { team, goalId, taskIds };
}
