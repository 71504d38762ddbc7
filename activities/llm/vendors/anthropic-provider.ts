/**
 * Anthropic through the official `@anthropic-ai/sdk`: one Messages API call per request. A request with
 * an answer schema offers one tool whose `input_schema` is that schema and forces it (`tool_choice`),
 * so the answer is the `tool_use` block's input; a text answer is still read (a request without a
 * schema, or a model that answered in prose), and the LLM activity's zod check and repair prompt do
 * the rest.
 */
import Anthropic, { APIConnectionError, APIConnectionTimeoutError, APIError } from '@anthropic-ai/sdk';
import { pricedResponse, type Pricing } from '../prices';
import type { LlmProvider, LlmRequest, LlmResponse } from '../provider';
import { callVendor, timedFault } from './vendor-errors';

export interface AnthropicProviderOptions {
  /** Recorded with usage; `anthropic` by default. */
  name?: string;
  apiKey: string;
  /** Undefined means the SDK's default (api.anthropic.com). */
  baseURL?: string;
  model: string;
  timeoutMs: number;
  temperature?: number;
  pricing: Pricing;
  /** The Messages API requires a cap; plans and steps are far shorter than this. */
  maxTokens?: number;
}

export function createAnthropicProvider(opts: AnthropicProviderOptions): LlmProvider {
  // maxRetries 0: Temporal's activity retry is the one retry mechanism (see vendor-errors.ts).
  const client = new Anthropic({ apiKey: opts.apiKey, baseURL: opts.baseURL, timeout: opts.timeoutMs, maxRetries: 0 });
  const classes = { APIError, APIConnectionError, APIConnectionTimeoutError };

  const name = opts.name ?? 'anthropic';
  return {
    name,
    async complete(request: LlmRequest): Promise<LlmResponse> {
      const ctx = { vendor: name, secrets: [opts.apiKey], signal: request.signal, describe: timedFault(classes, opts.timeoutMs) };
      return callVendor(ctx, async () => {
        const answer = request.answerSchema;
        const tool = answer && { name: answer.name, description: answer.description, input_schema: answer.jsonSchema as Anthropic.Tool.InputSchema };
        const message = await client.messages.create(
          {
            model: opts.model,
            max_tokens: opts.maxTokens ?? 4096,
            system: request.system,
            messages: [{ role: 'user', content: request.prompt }],
            ...(tool ? { tools: [tool], tool_choice: { type: 'tool' as const, name: tool.name } } : {}),
            ...(opts.temperature !== undefined ? { temperature: opts.temperature } : {}),
          },
          { signal: request.signal },
        );
        const used = message.content.find((block) => block.type === 'tool_use' && block.name === tool?.name);
        const text = used?.type === 'tool_use'
          ? JSON.stringify(used.input)
          : message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
        const { input_tokens: inputTokens, output_tokens: outputTokens } = message.usage;
        return pricedResponse(opts.pricing, { text, model: message.model || opts.model, inputTokens, outputTokens });
      });
    },
  };
}
