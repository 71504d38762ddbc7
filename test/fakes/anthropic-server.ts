/**
 * A fake Anthropic server: `POST /v1/messages` in the Messages API's wire format, scripted step by
 * step, for driving the real `@anthropic-ai/sdk` over loopback. When the request forces a tool
 * (`tool_choice: {type: 'tool'}`), a JSON object answer comes back as that tool's `tool_use` block, as
 * the real API does; tools it would refuse (no object input schema, a forced tool not offered) get its 400.
 */
import { startLoopbackServer, stepReply, type LoopbackServer, type RecordedRequest, type ScriptedStep, type WireFormat } from './loopback-server';

const errorTypes: Record<number, string> = {
  400: 'invalid_request_error', 401: 'authentication_error', 403: 'permission_error', 404: 'not_found_error',
  429: 'rate_limit_error', 500: 'api_error', 529: 'overloaded_error',
};

/** The answer as a tool's input: a JSON object, when the request forced a tool; else undefined. */
function toolInput(text: string, asText: boolean, request: RecordedRequest): object | undefined {
  if (asText || request.body?.tool_choice?.type !== 'tool') return undefined;
  try {
    const json: unknown = JSON.parse(text);
    return json && typeof json === 'object' && !Array.isArray(json) ? json : undefined;
  } catch {
    return undefined;
  }
}

export const anthropicWire: WireFormat = {
  answer: ({ text, inputTokens, outputTokens, model, asText, request }) => {
    const input = toolInput(text, asText, request);
    return {
      id: 'msg_fake', type: 'message', role: 'assistant', model,
      content: input ? [{ type: 'tool_use', id: 'toolu_fake', name: request.body.tool_choice.name, input }] : [{ type: 'text', text }],
      stop_reason: input ? 'tool_use' : 'end_turn', stop_sequence: null,
      usage: { input_tokens: inputTokens, output_tokens: outputTokens },
    };
  },
  error: (status, message) => ({ type: 'error', error: { type: errorTypes[status] ?? 'api_error', message } }),
  check: ({ body }) => {
    const tools: { name?: string; input_schema?: { type?: unknown } }[] = body?.tools ?? [];
    const bad = tools.findIndex((t) => !t.name || t.input_schema?.type !== 'object');
    if (bad >= 0) return `tools.${bad}.custom.input_schema.type: Input should be 'object'`;
    const choice = body?.tool_choice;
    if (choice?.type === 'tool' && !tools.some((t) => t.name === choice.name)) return `Tool '${choice.name}' not found in provided tools`;
    return undefined;
  },
};

export interface AnthropicFake {
  server: LoopbackServer;
  /** What to pass as the SDK's `baseURL` (the SDK appends `/v1/messages`). */
  baseURL: string;
  messages(...steps: ScriptedStep[]): void;
  /** Queues one `GET /v1/models` answer (a replied failure when `fail` is given). */
  models(...ids: string[]): void;
  modelsFail(status: number, message?: string): void;
  messageRequests(): RecordedRequest[];
}

export async function startAnthropicServer(): Promise<AnthropicFake> {
  const server = await startLoopbackServer('fake anthropic server');
  return {
    server,
    baseURL: server.origin,
    messages: (...steps) => server.enqueue('POST /v1/messages', ...steps.map((step) => stepReply(step, anthropicWire))),
    models: (...ids) => server.enqueue('GET /v1/models', {
      json: { data: ids.map((id) => ({ id, type: 'model', display_name: id, created_at: '2025-01-01T00:00:00Z' })), has_more: false, first_id: ids[0] ?? null, last_id: ids.at(-1) ?? null },
    }),
    modelsFail: (status, message) => server.enqueue('GET /v1/models', { status, json: anthropicWire.error(status, message ?? `scripted failure ${status}`) }),
    messageRequests: () => server.requests.filter((r) => r.path === '/v1/messages'),
  };
}
