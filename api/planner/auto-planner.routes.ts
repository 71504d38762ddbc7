/** The original Ananta's auto-planner endpoint, now backed by the plan workflow. */
import { jsonRoute } from '../http/route';
import { goalIssueCodes } from '../shared/common.schemas';
import { planBody, planResponseSchema } from './auto-planner.schemas';
import { planGoal } from './auto-planner.service';

export const autoPlannerRoutes = [
  jsonRoute({
    method: 'post',
    path: '/tasks/auto-planner/plan',
    operationId: 'planGoal',
    summary: 'Plan a goal into subtasks; with createTasks (default) also start a goal that runs them',
    tags: ['auto-planner'],
    body: planBody,
    issueCodes: goalIssueCodes,
    status: 201,
    response: planResponseSchema,
    problems: [502, 503, 504],
    handler: ({ body }, ctx) => planGoal(ctx.app, ctx.principal!, body),
  }),
];
