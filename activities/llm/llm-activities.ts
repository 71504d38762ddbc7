/**
 * LLM activities (task queue `ananta-llm`): plan a goal, propose a step, detect follow-ups.
 * Each checks the model's answer against a zod schema. A malformed answer gets one repair prompt
 * (the answer and its problems, "answer with JSON only") within the same attempt, since models
 * usually fix a near-miss when shown it; if that fails too, a retryable `llm_malformed_output` failure
 * follows, and when Temporal's retries run out the workflow fails loudly with `llm_failed`. A malformed
 * plan is never treated as an empty plan.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { z } from 'zod';
import type {
  ErrorInfo, DetectFollowupsInput, DetectFollowupsResult, PlanGoalInput, PlanGoalResult, ProposeStepInput, ProposeStepResult,
} from '../../core/types';
import { emptyUsage, addUsage, type Usage } from '../../core/usage';
import { assertPayloadFits } from './payload-guard';
import type { PromptTemplates } from './prompt-template';
import type { PromptTemplateValues } from './prompt-template-render';
import { followupsPrompt, planPrompt, repairPrompt, stepPrompt } from './prompts';
import type { LlmProvider, LlmPurpose, LlmRequest, LlmResponse } from './provider';
import type { RecordUsageInput } from '../../db/queries/usage';
import { answerSchemas, followupsAnswerSchema, planAnswerSchema, stepAnswerSchema } from './schemas';

/** One LLM call's usage, as the store records it (idempotent by key). */
export type UsageRecord = RecordUsageInput;

/**
 * One vendor call as metrics count it: `success` (a valid answer), `malformed` (an answer that failed
 * its schema) or `error` (the vendor call threw; the model is then `unknown`).
 */
export interface LlmCallMetric {
  provider: string;
  model: string;
  outcome: 'success' | 'malformed' | 'error';
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** How long the vendor call took (rate-limit waits included). */
  durationMs?: number;
}

/** Where the worker counts LLM calls (Prometheus counters); absent in unit tests. */
export interface LlmMetricsSink {
  recordCall(call: LlmCallMetric): void;
}

/** Ids of the goal, task and team a call is for: all a router needs to pick the provider. */
export type CallIds = { goalId?: string; taskId?: string; teamId?: string };

/** The answer of a routed call, with the name of the provider that gave it. */
export interface RoutedResponse {
  response: LlmResponse;
  provider: string;
}

export interface LlmActivityDeps {
  /** The provider when there is no router (unit tests), and the name errors are counted under. */
  provider: LlmProvider;
  /**
   * Picks the provider for a call from its ids (template, team, default row, environment) and calls
   * it through its circuit breaker, rate limit and fallback model; see provider-router.ts.
   */
  route?: (ids: CallIds, request: LlmRequest, onResolved?: (provider: string) => void) => Promise<RoutedResponse>;
  /** Persists usage idempotently (by key); absent in unit tests. */
  recordUsage?: (record: UsageRecord) => Promise<unknown>;
  /** Why a team may not spend more today (its daily budget is used up), or undefined; absent: no team budgets. */
  teamBudget?: (teamId: string) => Promise<ErrorInfo | undefined>;
  metrics?: LlmMetricsSink;
  /** Largest activity input or result in bytes (default payload-guard's PAYLOAD_LIMIT_BYTES). */
  payloadLimitBytes?: number;
  /** Renders the call's prompt template (goal's, acting role's, team's) into the system prompt; absent: built-in prompts only. */
  promptTemplates?: Pick<PromptTemplates, 'apply'>;
}

export const MALFORMED_OUTPUT = 'llm_malformed_output';

type Checked<T> = { ok: true; data: T } | { ok: false; problem: string };

function checkAnswer<S extends z.ZodType>(schema: S, text: string): Checked<z.infer<S>> {
  let json: unknown;
  try {
    json = JSON.parse(text.trim().replace(/^```(?:json)?\s*|\s*```$/g, ''));
  } catch {
    return { ok: false, problem: `the model did not answer with JSON: ${text.slice(0, 200)}` };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  return { ok: false, problem: `the model's answer does not match the schema: ${issues}` };
}

type Ids = CallIds;

export function createLlmActivities(deps: LlmActivityDeps) {
  /** One provider call, with its usage recorded under a key unique to this attempt and call. */
  async function ask(purpose: LlmPurpose, prompt: { system: string; prompt: string }, input: unknown, ids: Ids, call: 'first' | 'repair') {
    const ctx = Context.current();
    let response: LlmResponse;
    let provider = deps.provider.name;
    const started = performance.now();
    try {
      // The answer's schema goes with the request, so vendors that can hold the model to it do.
      const request: LlmRequest = { purpose, ...prompt, input, answerSchema: answerSchemas[purpose], signal: ctx.cancellationSignal };
      const ownIds = { goalId: ids.goalId, taskId: ids.taskId, teamId: ids.teamId };
      // The provider is known before the call, so a failed call is counted under the right name too.
      const onResolved = (name: string) => { provider = name; };
      ({ response, provider } = deps.route ? await deps.route(ownIds, request, onResolved) : { response: await deps.provider.complete(request), provider });
    } catch (err) {
      deps.metrics?.recordCall({ provider, model: 'unknown', outcome: 'error', inputTokens: 0, outputTokens: 0, costUsd: 0, durationMs: performance.now() - started });
      throw err;
    }
    const usage: Usage = addUsage(emptyUsage(), {
      calls: 1, inputTokens: response.inputTokens, outputTokens: response.outputTokens, costUsd: response.costUsd ?? 0,
    });
    if (deps.recordUsage && ids.goalId) {
      const { workflowExecution, activityId, attempt } = ctx.info;
      await deps.recordUsage({
        key: `${workflowExecution?.workflowId}:${workflowExecution?.runId}:${activityId}:${attempt}${call === 'repair' ? ':repair' : ''}`,
        goalId: ids.goalId, taskId: ids.taskId, teamId: ids.teamId, provider, model: response.model,
        calls: 1, inputTokens: response.inputTokens, outputTokens: response.outputTokens, costUsd: response.costUsd ?? 0,
        latencyMs: Math.round(performance.now() - started),
      });
    }
    return { response, usage, provider, durationMs: performance.now() - started };
  }

  function count(asked: { provider: string; response: LlmResponse; durationMs: number }, ok: boolean): void {
    const { provider, response, durationMs } = asked;
    deps.metrics?.recordCall({
      provider, model: response.model, outcome: ok ? 'success' : 'malformed',
      inputTokens: response.inputTokens, outputTokens: response.outputTokens, costUsd: response.costUsd ?? 0, durationMs,
    });
  }

  /** Asks, checks, and on a malformed answer asks once more with a repair prompt before failing. */
  async function answer<S extends z.ZodType>(purpose: LlmPurpose, schema: S, prompt: { system: string; prompt: string }, input: Ids) {
    const first = await ask(purpose, prompt, input, input, 'first');
    const checked = checkAnswer(schema, first.response.text);
    count(first, checked.ok);
    if (checked.ok) return { data: checked.data, usage: first.usage, provider: first.provider };
    const second = await ask(purpose, repairPrompt(prompt, first.response.text, checked.problem), input, input, 'repair');
    const usage = addUsage(first.usage, second.usage);
    const repaired = checkAnswer(schema, second.response.text);
    count(second, repaired.ok);
    if (repaired.ok) return { data: repaired.data, usage, provider: second.provider };
    throw ApplicationFailure.retryable(`${purpose}: ${repaired.problem} (also after a repair prompt)`, MALFORMED_OUTPUT);
  }

  const fits = <T>(value: T, what: string): T => assertPayloadFits(value, what, deps.payloadLimitBytes);
  const templated = (purpose: LlmPurpose, ids: Ids, values: PromptTemplateValues, prompt: { system: string; prompt: string }) =>
    deps.promptTemplates ? deps.promptTemplates.apply(purpose, ids, values, prompt) : Promise.resolve(prompt);

  return {
    async planGoal(input: PlanGoalInput): Promise<PlanGoalResult> {
      fits(input, 'the planning input');
      const { data, usage, provider } = await answer('plan', planAnswerSchema, await templated('plan', input, { goal: input.goal, context: input.context }, planPrompt(input)), input);
      return fits({ subtasks: data.subtasks, usage, provider }, 'the plan');
    },

    async proposeStep(input: ProposeStepInput): Promise<ProposeStepResult> {
      fits(input, 'the step proposal input');
      const values = { goal: input.goal, task: input.title, title: input.title, description: input.description, history: input.history.map((h) => `$ ${h.command}`).join('\n') };
      const { data, usage } = await answer('propose_step', stepAnswerSchema, await templated('propose_step', input, values, stepPrompt(input)), input);
      return fits({ step: data, usage }, 'the proposed step');
    },

    /** The budget gate's question before a call of a team's goal: has the team spent its daily budget? */
    async checkTeamBudget(input: { teamId: string }): Promise<{ shortfall?: ErrorInfo }> {
      const shortfall = await deps.teamBudget?.(input.teamId);
      return shortfall ? { shortfall } : {};
    },

    async detectFollowups(input: DetectFollowupsInput): Promise<DetectFollowupsResult> {
      fits(input, 'the follow-up detection input');
      const values = { goal: input.goal, task: input.task.title, title: input.task.title, description: input.task.description };
      const { data, usage } = await answer('detect_followups', followupsAnswerSchema, await templated('detect_followups', input, values, followupsPrompt(input)), input);
      return fits({ followups: data.followups, usage }, 'the follow-ups');
    },
  };
}

export type LlmActivities = ReturnType<typeof createLlmActivities>;
