/** The original Ananta's auto-planner endpoints: planning (the plan workflow), its settings, and follow-up analysis. */
import { jsonRoute } from '../http/route';
import { goalIssueCodes } from '../shared/common.schemas';
import { analyzeParams, analyzeResultSchema } from './analyze-task.schemas';
import { analyzeTask } from './analyze-task.service';
import { planBody, planResponseSchema } from './auto-planner.schemas';
import { planGoal } from './auto-planner.service';
import { configureBody, plannerStatusSchema } from './planner-settings.schemas';
import { configurePlanner, plannerStatus } from './planner-settings.service';

const tags = ['auto-planner'];

export const autoPlannerRoutes = [
  jsonRoute({
    method: 'post',
    path: '/tasks/auto-planner/plan',
    operationId: 'planGoal',
    summary: 'Plan a goal into subtasks; with createTasks (default) also start a goal that runs them',
    description: 'The plan has at most maxSubtasksPerGoal subtasks; the API waits llmTimeoutSeconds for it (auto-planner settings).',
    tags,
    body: planBody,
    issueCodes: goalIssueCodes,
    status: 201,
    response: planResponseSchema,
    problems: [502, 503, 504],
    handler: ({ body }, ctx) => planGoal(ctx.app, ctx.principal!, body),
  }),
  jsonRoute({
    method: 'get',
    path: '/tasks/auto-planner/status',
    operationId: 'getAutoPlannerStatus',
    summary: "The auto-planner's settings in force (the deployment's defaults until an admin configures them)",
    tags,
    response: plannerStatusSchema,
    handler: (_input, ctx) => plannerStatus(ctx.app),
  }),
  jsonRoute({
    method: 'post',
    path: '/tasks/auto-planner/configure',
    operationId: 'configureAutoPlanner',
    summary: "Change some of the auto-planner's settings (admin); new goals, plans and tasks use them from now on",
    description: 'Out-of-range or unknown fields → 422 with errors[]. Running goals keep the values they started with. Audited.',
    tags,
    roles: ['admin'],
    body: configureBody,
    response: plannerStatusSchema,
    handler: ({ body }, ctx) => configurePlanner(ctx.app, ctx.principal!, body),
  }),
  jsonRoute({
    method: 'post',
    path: '/tasks/auto-planner/analyze/:taskId',
    operationId: 'analyzeTask',
    summary: 'Ask the agent which follow-up work a finished task calls for, and file it as the task’s follow-ups (deduped)',
    description: 'Unknown task → 404; a task that has not finished → 409 invalid_transition with currentStatus; an analysis already running for the task → 409 analysis_in_progress; LLM failure → 502 llm_failed.',
    tags,
    params: analyzeParams,
    response: analyzeResultSchema,
    problems: [404, 409, 502, 503, 504],
    handler: ({ params }, ctx) => analyzeTask(ctx.app, ctx.principal!, params.taskId),
  }),
];
