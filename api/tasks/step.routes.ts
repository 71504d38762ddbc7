/**
 * One manual agent step of a manual task (mounted with the /tasks routes, so team scope applies: a
 * task of another team is a 404; a viewer gets 403 like on every write).
 */
import { jsonRoute } from '../http/route';
import { idParams } from '../shared/common.schemas';
import { executeStepBody, proposedStepSchema, stepResultSchema } from './step.schemas';
import { executeStep, proposeStep } from './step.service';

const tags = ['tasks'];

export const stepRoutes = [
  jsonRoute({
    method: 'post',
    path: '/tasks/:id/step/propose',
    operationId: 'proposeTaskStep',
    summary: "The agent's proposed next shell command for a manual task, with its policy risk class; nothing runs",
    description: "A plan task → 409 not_manual_task; a task its workflow is running → 409 invalid_transition with currentStatus; LLM failure → 502 llm_failed.",
    tags,
    params: idParams,
    response: proposedStepSchema,
    problems: [404, 409, 502, 504],
    handler: ({ params }, ctx) => proposeStep(ctx.app, params.id),
  }),
  jsonRoute({
    method: 'post',
    path: '/tasks/:id/step/execute',
    operationId: 'executeTaskStep',
    summary: "Run ONE command for a manual task in its workspace on an execution worker; it goes into the task's log",
    description:
      'A command whose risk class needs approval (ANANTA_APPROVAL_POLICY) → 409 approval_required with risk and riskReasons, unless an admin or operator sends approve: true. ' +
      'A step already running for the task → 409 step_in_progress; no sandbox → 503 sandbox_unavailable.',
    tags,
    params: idParams,
    body: executeStepBody,
    response: stepResultSchema,
    problems: [404, 409, 502, 503, 504],
    handler: ({ params, body }, ctx) => executeStep(ctx.app, ctx.principal!, params.id, body),
  }),
];
