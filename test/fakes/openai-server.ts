/**
 * A fake OpenAI-compatible server (OpenAI, LM Studio): `POST /v1/chat/completions` and `GET /v1/models`
 * in OpenAI's wire format, scripted step by step, for driving the real `openai` SDK over loopback.
 */
import { startLoopbackServer, stepReply, type LoopbackServer, type RecordedRequest, type ScriptedStep, type WireFormat } from './loopback-server';

export const openAiWire: WireFormat = {
  answer: ({ text, inputTokens, outputTokens, model }) => ({
    id: 'chatcmpl-fake', object: 'chat.completion', created: Math.floor(Date.now() / 1000), model,
    choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: inputTokens, completion_tokens: outputTokens, total_tokens: inputTokens + outputTokens },
  }),
  error: (status, message) => ({
    error: { message, type: status === 401 ? 'invalid_request_error' : status === 429 ? 'rate_limit_exceeded' : 'server_error', param: null, code: null },
  }),
};

export interface OpenAiFake {
  server: LoopbackServer;
  /** What to pass as the SDK's `baseURL` (`…/v1`). */
  baseURL: string;
  chat(...steps: ScriptedStep[]): void;
  models(...ids: string[]): void;
  chatRequests(): RecordedRequest[];
}

export async function startOpenAiServer(): Promise<OpenAiFake> {
  const server = await startLoopbackServer('fake openai server');
  return {
    server,
    baseURL: `${server.origin}/v1`,
    chat: (...steps) => server.enqueue('POST /v1/chat/completions', ...steps.map((step) => stepReply(step, openAiWire))),
    models: (...ids) => server.enqueue('GET /v1/models', {
      json: { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake' })) },
    }),
    chatRequests: () => server.requests.filter((r) => r.path === '/v1/chat/completions'),
  };
}
