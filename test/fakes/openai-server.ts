/**
 * A fake OpenAI-compatible server (OpenAI, LM Studio): `POST /v1/chat/completions` and `GET /v1/models`
 * in OpenAI's wire format, scripted step by step, for driving the real `openai` SDK over loopback.
 * It refuses, with OpenAI's 400, the response formats OpenAI refuses: a strict json_schema outside the
 * strict subset, or a json_schema without a valid name.
 */
import { startLoopbackServer, stepReply, type LoopbackServer, type RecordedRequest, type ScriptedStep, type WireFormat } from './loopback-server';

export const openAiWire: WireFormat = {
  answer: ({ text, inputTokens, outputTokens, model }) => ({
    id: 'chatcmpl-fake', object: 'chat.completion', created: Math.floor(Date.now() / 1000), model,
    choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: inputTokens, completion_tokens: outputTokens, total_tokens: inputTokens + outputTokens },
  }),
  error: (status, message) => ({
    error: { message, type: status === 401 || status === 400 ? 'invalid_request_error' : status === 429 ? 'rate_limit_exceeded' : 'server_error', param: null, code: null },
  }),
  check: ({ body }) => checkResponseFormat(body),
};

/** Keywords OpenAI's strict mode refuses (a subset of its list: the ones our schemas could carry). */
const NOT_STRICT = ['minLength', 'maxLength', 'default', 'oneOf', '$schema'];

/** Where a schema breaks strict mode's rules, or undefined. */
function strictProblem(node: unknown, where: string): string | undefined {
  if (Array.isArray(node)) return node.map((n, i) => strictProblem(n, `${where}[${i}]`)).find(Boolean);
  if (node === null || typeof node !== 'object') return undefined;
  const schema = node as Record<string, unknown>;
  const refused = NOT_STRICT.find((k) => k in schema);
  if (refused) return `In context=${where}, '${refused}' is not permitted.`;
  if (schema.type === 'object') {
    const keys = Object.keys((schema.properties as object | undefined) ?? {});
    if (schema.additionalProperties !== false) return `In context=${where}, 'additionalProperties' is required to be supplied and to be false.`;
    const required = Array.isArray(schema.required) ? schema.required : [];
    const missing = keys.filter((k) => !required.includes(k));
    if (missing.length > 0) return `In context=${where}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing[0]}'.`;
  }
  for (const [key, value] of Object.entries(schema)) {
    const inner = key === 'properties' && value && typeof value === 'object'
      ? Object.entries(value).map(([field, s]) => strictProblem(s, `${where}.properties.${field}`)).find(Boolean)
      : strictProblem(value, `${where}.${key}`);
    if (inner) return inner;
  }
  return undefined;
}

function checkResponseFormat(body: any): string | undefined {
  const format = body?.response_format;
  if (format?.type !== 'json_schema') return undefined;
  const { name, schema, strict } = format.json_schema ?? {};
  if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(name)) return "Missing or invalid 'response_format.json_schema.name'.";
  if (strict !== true) return undefined;
  if (schema?.type !== 'object' || 'anyOf' in schema) return `Invalid schema for response_format '${name}': schema must be a JSON Schema of 'type: "object"', got a union at the root.`;
  const problem = strictProblem(schema, '()');
  return problem ? `Invalid schema for response_format '${name}': ${problem}` : undefined;
}

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
