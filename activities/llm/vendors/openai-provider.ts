/**
 * OpenAI and every OpenAI-compatible server (LM Studio among them) through the official `openai` SDK:
 * one chat completion per request. With model `auto` the server's first listed model is used, which is
 * how LM Studio serves whatever model its operator loaded.
 *
 * A request with an answer schema asks for `response_format: json_schema` with that schema: strict
 * (decoding held to it) when it has a strict form (openai-strict-schema.ts: the plan and follow-ups),
 * otherwise non-strict (the step, a union at its root), where the schema guides the model and zod
 * decides. A request without one falls back to `jsonMode`.
 */
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { ApplicationFailure } from '@temporalio/common';
import { pricedResponse, type Pricing } from '../prices';
import type { LlmProvider, LlmRequest, LlmResponse } from '../provider';
import { strictSchema } from './openai-strict-schema';
import { callVendor, LLM_UNAVAILABLE, timedFault } from './vendor-errors';

export interface OpenAiProviderOptions {
  /** `openai`, or `lmstudio` for LM Studio: the name recorded with usage. */
  name: string;
  apiKey: string;
  /** Undefined means the SDK's default (api.openai.com). */
  baseURL?: string;
  /** A model id, or `auto` to take the first from `GET /models`. */
  model: string;
  timeoutMs: number;
  /** Absent: the vendor's default. */
  temperature?: number;
  pricing: Pricing;
  /**
   * How to ask for JSON when a request carries no answer schema. OpenAI takes `json_object`; LM Studio answers that with 400 ("must be
   * 'json_schema' or 'text'"), but a json_schema of `{type: 'object'}` means the same: any JSON object.
   */
  jsonMode: 'json_object' | 'object_schema';
}

const responseFormats = {
  json_object: { type: 'json_object' },
  object_schema: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object' } } },
} as const;

function responseFormat(request: LlmRequest, jsonMode: OpenAiProviderOptions['jsonMode']) {
  const answer = request.answerSchema;
  if (!answer) return responseFormats[jsonMode];
  const strict = strictSchema(answer.jsonSchema);
  return {
    type: 'json_schema',
    json_schema: { name: answer.name, description: answer.description, schema: strict ?? answer.jsonSchema, strict: strict !== undefined },
  } as const;
}

export function createOpenAiProvider(opts: OpenAiProviderOptions): LlmProvider {
  // maxRetries 0: Temporal's activity retry is the one retry mechanism (see vendor-errors.ts).
  const client = new OpenAI({ apiKey: opts.apiKey, baseURL: opts.baseURL, timeout: opts.timeoutMs, maxRetries: 0 });
  const classes = { APIError, APIConnectionError, APIConnectionTimeoutError };
  let discovered: string | undefined;

  async function resolveModel(signal?: AbortSignal): Promise<string> {
    if (opts.model !== 'auto') return opts.model;
    if (discovered) return discovered;
    const page = await client.models.list({ signal });
    const first = page.data[0]?.id;
    // Retryable: an operator may load a model while Temporal waits to retry.
    if (!first) throw ApplicationFailure.retryable(`${opts.name} lists no models: load one, or set ANANTA_LLM_MODEL`, LLM_UNAVAILABLE);
    discovered = first;
    return first;
  }

  return {
    name: opts.name,
    async complete(request: LlmRequest): Promise<LlmResponse> {
      const ctx = { vendor: opts.name, secrets: [opts.apiKey], signal: request.signal, describe: timedFault(classes, opts.timeoutMs) };
      try {
        return await callVendor(ctx, async () => {
          const model = await resolveModel(request.signal);
          const completion = await client.chat.completions.create(
            {
              model,
              messages: [
                { role: 'system', content: request.system },
                { role: 'user', content: request.prompt },
              ],
              response_format: responseFormat(request, opts.jsonMode),
              ...(opts.temperature !== undefined ? { temperature: opts.temperature } : {}),
            },
            { signal: request.signal },
          );
          return pricedResponse(opts.pricing, {
            // A strict-mode refusal comes without content: its text goes to the repair prompt and the failure.
            text: completion.choices[0]?.message?.content ?? completion.choices[0]?.message?.refusal ?? '',
            model: completion.model || model,
            inputTokens: completion.usage?.prompt_tokens ?? 0,
            outputTokens: completion.usage?.completion_tokens ?? 0,
          });
        });
      } catch (err) {
        // The discovered model may have been unloaded: look again on the next call.
        discovered = undefined;
        throw err;
      }
    },
  };
}
