/** /tasks: list and read tasks, act on one, answer approvals, and read or stream its log. */
import { z } from 'zod';
import { jsonRoute, sseRoute } from '../http/route';
import { idParams } from '../shared/common.schemas';
import { teamScope } from '../teams/team-scope';
import { createFollowups, createManualTask, updateTask } from './manual-tasks.service';
import { getTaskLogs, getTaskView, listTasksView, presentTask } from './task.presenter';
import { stepRoutes } from './step.routes';
import { streamTaskLogs } from './task-log.stream';
import {
  approveBody, createTaskBody, followupsBody, followupsResultSchema, listTasksIssueCodes, listTasksQuery, logsQuery, logsSchema,
  taskActionSchema, taskPageSchema, taskSchema, updateTaskBody,
} from './tasks.schemas';
import { approveTask, cancelTask, changeTask, retryTask, type TaskAction } from './tasks.service';

const tags = ['tasks'];

const ACTIONS: Record<TaskAction, string> = {
  pause: 'Pause a task between steps',
  resume: 'Resume a paused task',
  cancel: 'Cancel a running task (its command is killed)',
  retry: 'Run a failed or cancelled task again (a plan task while its goal runs; a manual task goes back to todo for the autopilot)',
};

export const taskRoutes = [
  jsonRoute({
    method: 'get',
    path: '/tasks',
    operationId: 'listTasks',
    summary: 'List tasks, newest first, filtered by status (aliases accepted), team, goal, agent and time',
    tags,
    query: listTasksQuery,
    issueCodes: listTasksIssueCodes,
    response: taskPageSchema,
    // An operator's teams go into the query itself, so its pages are full.
    handler: async ({ query }, ctx) => {
      const scope = await teamScope(ctx.app, ctx.principal!);
      return listTasksView(ctx.app, { ...query, ...(scope ? { teamIds: [...scope] } : {}) });
    },
  }),
  jsonRoute({
    method: 'post',
    path: '/tasks',
    operationId: 'createTask',
    summary: "File a manual todo task of a team (its autopilot runs it once its dependencies have completed)",
    description: 'Unknown dependency → 400 missing_dependencies; a cycle → 400 dependency_cycle_detected; unknown team, parent or worker → 404.',
    tags,
    body: createTaskBody,
    status: 201,
    response: taskSchema,
    problems: [400, 404],
    handler: async ({ body }, ctx) => presentTask(ctx.app, await createManualTask(ctx.app, ctx.principal!, body)),
  }),
  jsonRoute({
    method: 'get',
    path: '/tasks/:id',
    operationId: 'getTask',
    summary: 'A task with its steps and pending approval (live while its workflow answers)',
    tags,
    params: idParams,
    response: taskSchema,
    problems: [404],
    handler: ({ params }, ctx) => getTaskView(ctx.app, params.id),
  }),
  jsonRoute({
    method: 'patch',
    path: '/tasks/:id',
    operationId: 'updateTask',
    summary: "Change a task's title, description, priority, dependencies or pin; never its status",
    tags,
    params: idParams,
    body: updateTaskBody,
    response: taskSchema,
    problems: [400, 404],
    handler: async ({ params, body }, ctx) => presentTask(ctx.app, await updateTask(ctx.app, ctx.principal!, params.id, body)),
  }),
  jsonRoute({
    method: 'post',
    path: '/tasks/:id/followups',
    operationId: 'createTaskFollowups',
    summary: 'File follow-up tasks under a task; empty or repeated descriptions are skipped with the reason',
    tags,
    params: idParams,
    body: followupsBody,
    response: followupsResultSchema,
    problems: [404],
    handler: ({ params, body }, ctx) => createFollowups(ctx.app, ctx.principal!, params.id, body),
  }),
  ...stepRoutes,
  ...(Object.keys(ACTIONS) as TaskAction[]).map((action) =>
    jsonRoute({
      method: 'post',
      path: `/tasks/:id/${action}`,
      operationId: `${action}Task`,
      summary: ACTIONS[action],
      tags,
      params: idParams,
      response: taskActionSchema,
      problems: [404, 409, 504],
      handler: ({ params }, ctx) => {
        if (action === 'cancel') return cancelTask(ctx.app, params.id);
        if (action === 'retry') return retryTask(ctx.app, params.id);
        return changeTask(ctx.app, params.id, action);
      },
    }),
  ),
  jsonRoute({
    method: 'post',
    path: '/tasks/:id/approve',
    operationId: 'approveTaskStep',
    summary: 'Approve or reject the command waiting for approval',
    tags,
    params: idParams,
    body: approveBody,
    response: taskSchema,
    problems: [404, 409, 504],
    handler: ({ params, body }, ctx) => approveTask(ctx.app, params.id, body),
  }),
  jsonRoute({
    method: 'get',
    path: '/tasks/:id/logs',
    operationId: 'getTaskLogs',
    summary: "A task's log events in order",
    tags,
    params: idParams,
    query: logsQuery,
    response: logsSchema,
    problems: [404],
    handler: ({ params, query }, ctx) => getTaskLogs(ctx.app, params.id, query),
  }),
  sseRoute({
    method: 'get',
    path: '/tasks/:id/stream-logs',
    operationId: 'streamTaskLogs',
    summary: "A task's log as server-sent events: replay, then live; ends when the task ends",
    description: 'Each event: `id: <seq>`, `event: <type>`, `data: <TaskEvent JSON>`; a final `event: end`. Resume with Last-Event-ID. An `output` event is a run of live command output from one stream: `data.stream` is `stdout` or `stderr` (the platform\'s own notes about a run, such as a lost attempt, come as `stderr`).',
    tags,
    params: idParams,
    query: z.object({ afterSeq: z.coerce.number().int().min(0).optional() }),
    headers: z.object({ 'last-event-id': z.coerce.number().int().min(0).optional() }),
    problems: [404],
    handler: ({ params, query, headers }, ctx) =>
      streamTaskLogs(ctx.app, params.id, { afterSeq: headers['last-event-id'] ?? query.afterSeq, signal: ctx.signal }),
  }),
];
