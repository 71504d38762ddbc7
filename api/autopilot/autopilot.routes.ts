/**
 * The original Ananta's autopilot endpoints, now backed by the autopilot workflow (one per team, or
 * global). Mounted before `/tasks/:id` so `autopilot` is never read as a task id. Reads are open to
 * every role (operators for their teams); start/stop/tick need operator or admin.
 */
import { jsonRoute } from '../http/route';
import { autopilotScopeBody, autopilotScopeQuery, autopilotStatusSchema, resetCircuitsBody, startAutopilotBody } from './autopilot.schemas';
import { autopilotStatus, resetAutopilotCircuits, startAutopilot, stopAutopilot, tickAutopilot } from './autopilot.service';

const tags = ['autopilot'];

export const autopilotRoutes = [
  jsonRoute({
    method: 'get',
    path: '/tasks/autopilot/status',
    operationId: 'getAutopilotStatus',
    summary: "The autopilot's live status: settings, tasks in flight, the most ever in flight, counters",
    tags,
    query: autopilotScopeQuery,
    response: autopilotStatusSchema,
    problems: [404],
    handler: ({ query }, ctx) => autopilotStatus(ctx.app, ctx.principal!, query.teamId),
  }),
  jsonRoute({
    method: 'post',
    path: '/tasks/autopilot/start',
    operationId: 'startAutopilot',
    summary: 'Start the autopilot (running already: apply the given settings); it runs manual todo tasks as their dependencies complete',
    tags,
    body: startAutopilotBody,
    response: autopilotStatusSchema,
    problems: [404, 409, 504],
    handler: ({ body }, ctx) => startAutopilot(ctx.app, ctx.principal!, body),
  }),
  jsonRoute({
    method: 'post',
    path: '/tasks/autopilot/stop',
    operationId: 'stopAutopilot',
    summary: 'Stop the autopilot: no new tasks start; it ends once the tasks in flight finish',
    tags,
    body: autopilotScopeBody,
    response: autopilotStatusSchema,
    problems: [404, 504],
    handler: ({ body }, ctx) => stopAutopilot(ctx.app, ctx.principal!, body.teamId),
  }),
  jsonRoute({
    method: 'post',
    path: '/tasks/autopilot/tick',
    operationId: 'tickAutopilot',
    summary: 'Look for runnable tasks now; answers once the tasks found have started',
    tags,
    body: autopilotScopeBody,
    response: autopilotStatusSchema,
    problems: [404, 409, 504],
    handler: ({ body }, ctx) => tickAutopilot(ctx.app, ctx.principal!, body.teamId),
  }),
  jsonRoute({
    method: 'post',
    path: '/tasks/autopilot/circuits/reset',
    operationId: 'resetAutopilotCircuits',
    summary: "Close the workers' circuits (all, or one worker's) opened by repeated failures; dispatch resumes at once",
    tags,
    body: resetCircuitsBody,
    response: autopilotStatusSchema,
    problems: [404, 409, 504],
    handler: ({ body }, ctx) => resetAutopilotCircuits(ctx.app, ctx.principal!, body.teamId, body.worker),
  }),
];
