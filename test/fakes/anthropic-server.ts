/**
 * A fake Anthropic server: `POST /v1/messages` in the Messages API's wire format, scripted step by
 * step, for driving the real `@anthropic-ai/sdk` over loopback.
 */
import { startLoopbackServer, stepReply, type LoopbackServer, type RecordedRequest, type ScriptedStep, type WireFormat } from './loopback-server';

const errorTypes: Record<number, string> = {
  400: 'invalid_request_error', 401: 'authentication_error', 403: 'permission_error', 404: 'not_found_error',
  429: 'rate_limit_error', 500: 'api_error', 529: 'overloaded_error',
};

export const anthropicWire: WireFormat = {
  answer: ({ text, inputTokens, outputTokens, model }) => ({
    id: 'msg_fake', type: 'message', role: 'assistant', model,
    content: [{ type: 'text', text }], stop_reason: 'end_turn', stop_sequence: null,
    usage: { input_tokens: inputTokens, output_tokens: outputTokens },
  }),
  error: (status, message) => ({ type: 'error', error: { type: errorTypes[status] ?? 'api_error', message } }),
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
