/**
 * LLM activities (task queue `ananta-llm`): plan a goal, propose a step, detect follow-ups.
 * Each checks the model's answer against a zod schema. A malformed answer throws a retryable
 * `llm_malformed_output` failure; when Temporal's retries run out the workflow fails loudly with
 * `llm_failed`. A malformed plan is never treated as an empty plan.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { z } from 'zod';
import type {
  DetectFollowupsInput, DetectFollowupsResult, PlanGoalInput, PlanGoalResult, ProposeStepInput, ProposeStepResult,
} from '../../core/types';
import { emptyUsage, addUsage, type Usage } from '../../core/usage';
import { followupsPrompt, planPrompt, stepPrompt } from './prompts';
import type { LlmProvider, LlmPurpose, LlmResponse } from './provider';
import { followupsAnswerSchema, planAnswerSchema, stepAnswerSchema } from './schemas';

export interface UsageRecord {
  key: string;
  goalId: string;
  taskId?: string;
  teamId?: string;
  provider: string;
  model: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export interface LlmActivityDeps {
  provider: LlmProvider;
  /** Persists usage idempotently (by key); absent in unit tests. */
  recordUsage?: (record: UsageRecord) => Promise<unknown>;
}

export const MALFORMED_OUTPUT = 'llm_malformed_output';

function parseAnswer<S extends z.ZodType>(schema: S, response: LlmResponse, purpose: LlmPurpose): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(response.text.trim().replace(/^```(?:json)?\s*|\s*```$/g, ''));
  } catch {
    throw ApplicationFailure.retryable(`${purpose}: the model did not answer with JSON: ${response.text.slice(0, 200)}`, MALFORMED_OUTPUT);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw ApplicationFailure.retryable(`${purpose}: the model's answer does not match the schema: ${issues}`, MALFORMED_OUTPUT);
  }
  return parsed.data;
}

export function createLlmActivities(deps: LlmActivityDeps) {
  async function ask(purpose: LlmPurpose, prompt: { system: string; prompt: string }, input: unknown, ids: { goalId?: string; taskId?: string; teamId?: string }) {
    const ctx = Context.current();
    const response = await deps.provider.complete({ purpose, ...prompt, input, signal: ctx.cancellationSignal });
    const usage: Usage = addUsage(emptyUsage(), {
      calls: 1, inputTokens: response.inputTokens, outputTokens: response.outputTokens, costUsd: response.costUsd ?? 0,
    });
    if (deps.recordUsage && ids.goalId) {
      const { workflowExecution, activityId, attempt } = ctx.info;
      await deps.recordUsage({
        key: `${workflowExecution?.workflowId}:${workflowExecution?.runId}:${activityId}:${attempt}`,
        goalId: ids.goalId, taskId: ids.taskId, teamId: ids.teamId, provider: deps.provider.name, model: response.model,
        calls: 1, inputTokens: response.inputTokens, outputTokens: response.outputTokens, costUsd: response.costUsd ?? 0,
      });
    }
    return { response, usage };
  }

  return {
    async planGoal(input: PlanGoalInput): Promise<PlanGoalResult> {
      const { response, usage } = await ask('plan', planPrompt(input), input, input);
      const answer = parseAnswer(planAnswerSchema, response, 'plan');
      return { subtasks: answer.subtasks, usage, provider: deps.provider.name };
    },

    async proposeStep(input: ProposeStepInput): Promise<ProposeStepResult> {
      const { response, usage } = await ask('propose_step', stepPrompt(input), input, input);
      return { step: parseAnswer(stepAnswerSchema, response, 'propose_step'), usage };
    },

    async detectFollowups(input: DetectFollowupsInput): Promise<DetectFollowupsResult> {
      const { response, usage } = await ask('detect_followups', followupsPrompt(input), input, input);
      return { followups: parseAnswer(followupsAnswerSchema, response, 'detect_followups').followups, usage };
    },
  };
}

export type LlmActivities = ReturnType<typeof createLlmActivities>;
