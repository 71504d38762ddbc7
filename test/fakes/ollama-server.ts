/**
 * A fake Ollama server: `POST /api/chat` (not streamed) and `GET /api/tags` in Ollama's wire format,
 * scripted step by step, for driving the real `ollama` SDK over loopback. A `format` Ollama would
 * refuse gets its 400.
 */
import { startLoopbackServer, stepReply, type LoopbackServer, type RecordedRequest, type ScriptedStep, type WireFormat } from './loopback-server';

export const ollamaWire: WireFormat = {
  answer: ({ text, inputTokens, outputTokens, model }) => ({
    model, created_at: new Date().toISOString(), message: { role: 'assistant', content: text },
    done: true, done_reason: 'stop', total_duration: 1000, load_duration: 10,
    prompt_eval_count: inputTokens, prompt_eval_duration: 100, eval_count: outputTokens, eval_duration: 100,
  }),
  error: (_status, message) => ({ error: message }),
  // Ollama takes `format: 'json'` or a JSON Schema object; anything else is refused.
  check: ({ body }) => {
    const format: unknown = body?.format;
    if (format === undefined || format === 'json' || (format !== null && typeof format === 'object' && !Array.isArray(format))) return undefined;
    return `invalid format: ${JSON.stringify(format)}`;
  },
};

export interface OllamaFake {
  server: LoopbackServer;
  /** What to pass as the SDK's `host`. */
  host: string;
  chat(...steps: ScriptedStep[]): void;
  tags(...names: string[]): void;
  chatRequests(): RecordedRequest[];
}

export async function startOllamaServer(): Promise<OllamaFake> {
  const server = await startLoopbackServer('fake ollama server');
  return {
    server,
    host: server.origin,
    chat: (...steps) => server.enqueue('POST /api/chat', ...steps.map((step) => stepReply(step, ollamaWire))),
    tags: (...names) => server.enqueue('GET /api/tags', {
      json: { models: names.map((name) => ({ name, model: name, modified_at: new Date().toISOString(), size: 1, digest: 'fake', details: { format: 'gguf', family: 'fake' } })) },
    }),
    chatRequests: () => server.requests.filter((r) => r.path === '/api/chat'),
  };
}
