/** /goals: start a goal, list and read goals, pause/resume/cancel one and raise its budget (api-contract.md "Goals"). */
import { jsonRoute } from '../http/route';
import { goalIssueCodes, idParams } from '../shared/common.schemas';
import { getGoalView, listGoalsView } from './goal.presenter';
import { createGoalBody, createGoalHeaders, goalCreatedSchema, goalPageSchema, goalSchema, listGoalsQuery, raiseBudgetBody } from './goals.schemas';
import { cancelGoal, changeGoal, raiseGoalBudget, startGoal } from './goals.service';

const tags = ['goals'];

export const goalRoutes = [
  jsonRoute({
    method: 'post',
    path: '/goals',
    operationId: 'createGoal',
    summary: 'Start a goal: it is planned into subtasks and run as a durable workflow',
    tags,
    headers: createGoalHeaders,
    body: createGoalBody,
    issueCodes: goalIssueCodes,
    status: 201,
    response: goalCreatedSchema,
    // 404: the team or the pinned worker named in the body does not exist (or is not the caller's).
    problems: [404, 503],
    handler: ({ body, headers }, ctx) => startGoal(ctx.app, ctx.principal!, body, headers['idempotency-key']),
  }),
  jsonRoute({
    method: 'get',
    path: '/goals',
    operationId: 'listGoals',
    summary: 'List goals, newest first',
    tags,
    query: listGoalsQuery,
    response: goalPageSchema,
    handler: ({ query }, ctx) => listGoalsView(ctx.app, query),
  }),
  jsonRoute({
    method: 'get',
    path: '/goals/:id',
    operationId: 'getGoal',
    summary: 'A goal with its plan and subtasks (live while it runs)',
    tags,
    params: idParams,
    response: goalSchema,
    problems: [404],
    handler: ({ params }, ctx) => getGoalView(ctx.app, params.id),
  }),
  ...(['pause', 'resume'] as const).map((action) =>
    jsonRoute({
      method: 'post',
      path: `/goals/:id/${action}`,
      operationId: `${action}Goal`,
      summary: action === 'pause' ? 'Pause a goal: no new subtasks start and running ones pause between steps' : 'Resume a paused goal',
      tags,
      params: idParams,
      response: goalSchema,
      problems: [404, 409, 504],
      handler: ({ params }, ctx) => changeGoal(ctx.app, params.id, action),
    }),
  ),
  jsonRoute({
    method: 'post',
    path: '/goals/:id/budget',
    operationId: 'raiseGoalBudget',
    summary: 'Raise the budget of a goal waiting on budget_exceeded, so it continues',
    tags,
    params: idParams,
    body: raiseBudgetBody,
    response: goalSchema,
    problems: [404, 409, 504],
    handler: ({ params, body }, ctx) => raiseGoalBudget(ctx.app, params.id, body),
  }),
  jsonRoute({
    method: 'post',
    path: '/goals/:id/cancel',
    operationId: 'cancelGoal',
    summary: 'Cancel a goal and its running subtasks',
    tags,
    params: idParams,
    response: goalSchema,
    problems: [404, 409],
    handler: ({ params }, ctx) => cancelGoal(ctx.app, params.id),
  }),
];
