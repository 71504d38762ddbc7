/**
 * Model `auto`: LM Studio (the OpenAI SDK with LM Studio's base URL) and Ollama serve whatever their
 * operator loaded, so the adapter asks the server and takes the first model it lists.
 */
import { ApplicationFailure } from '@temporalio/common';
import { startOllamaServer, type OllamaFake } from '../../../test/fakes/ollama-server';
import { startOpenAiServer, type OpenAiFake } from '../../../test/fakes/openai-server';
import { createPricing } from '../prices';
import { createOllamaProvider } from './ollama-provider';
import { createOpenAiProvider } from './openai-provider';

const request = { purpose: 'plan' as const, system: 'Answer with one JSON object.', prompt: 'Goal: hi', input: {} };
const free = () => createPricing({ builtIn: {}, quietWhenUnpriced: true });

describe('LM Studio', () => {
  let fake: OpenAiFake;
  beforeAll(async () => {
    fake = await startOpenAiServer();
  });
  afterEach(() => {
    try {
      fake.server.verify();
    } finally {
      fake.server.reset();
    }
  });
  afterAll(() => fake?.server.close());

  const lmstudio = () => createOpenAiProvider({ name: 'lmstudio', apiKey: 'lm-studio', baseURL: fake.baseURL, model: 'auto', timeoutMs: 5000, pricing: free(), jsonMode: 'object_schema' });

  test('model auto takes the first listed model once, asks for any JSON object by schema, and costs nothing', async () => {
    fake.models('qwen2.5-7b-instruct', 'llama-3.2-3b');
    fake.chat({ answer: { subtasks: [] }, inputTokens: 50, outputTokens: 5 }, { answer: { subtasks: [] } });
    const provider = lmstudio();
    const first = await provider.complete(request);
    await provider.complete(request);
    expect(first).toMatchObject({ model: 'qwen2.5-7b-instruct', inputTokens: 50, outputTokens: 5, costUsd: 0 });
    expect(provider.name).toBe('lmstudio');
    expect(fake.chatRequests().map((r) => r.body.model)).toEqual(['qwen2.5-7b-instruct', 'qwen2.5-7b-instruct']);
    expect(fake.chatRequests()[0].body.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object' } } });
  });

  test('a failed call forgets the model, so the next call asks again (the operator may have swapped it)', async () => {
    fake.models('a-model');
    fake.chat({ fail: 404, message: 'model not loaded' }, { answer: { ok: true } });
    fake.models('b-model');
    const provider = lmstudio();
    await expect(provider.complete(request)).rejects.toMatchObject({ type: 'llm_invalid_request' });
    await expect(provider.complete(request)).resolves.toMatchObject({ model: 'b-model' });
  });

  test('no model loaded is a retryable llm_unavailable failure naming the fix', async () => {
    fake.models();
    const err = await lmstudio().complete(request).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect(err).toMatchObject({ type: 'llm_unavailable', nonRetryable: false, message: expect.stringContaining('ANANTA_LLM_MODEL') });
  });
});

describe('Ollama', () => {
  let fake: OllamaFake;
  beforeAll(async () => {
    fake = await startOllamaServer();
  });
  afterEach(() => {
    try {
      fake.server.verify();
    } finally {
      fake.server.reset();
    }
  });
  afterAll(() => fake?.server.close());

  test('model auto takes the first installed model from /api/tags', async () => {
    fake.tags('llama3.1:8b', 'qwen2.5:7b');
    fake.chat({ answer: { subtasks: [] }, model: 'llama3.1:8b', inputTokens: 30, outputTokens: 3 });
    const result = await createOllamaProvider({ host: fake.host, model: 'auto', timeoutMs: 5000, pricing: free() }).complete(request);
    expect(result).toMatchObject({ model: 'llama3.1:8b', inputTokens: 30, outputTokens: 3, costUsd: 0 });
    expect(fake.chatRequests()[0].body).toMatchObject({ model: 'llama3.1:8b', format: 'json', stream: false });
    expect(fake.chatRequests()[0].headers.authorization).toBeUndefined();
  });

  test('a model the deployment priced is charged even though it runs locally', async () => {
    fake.chat({ answer: {}, model: 'llama3.1:8b', inputTokens: 1_000_000, outputTokens: 0 });
    const pricing = createPricing({ builtIn: {}, quietWhenUnpriced: true, overrides: { 'llama3.1': { inputPerMTokUsd: 0.5, outputPerMTokUsd: 1 } } });
    const result = await createOllamaProvider({ host: fake.host, model: 'llama3.1:8b', timeoutMs: 5000, pricing }).complete(request);
    expect(result.costUsd).toBe(0.5);
  });
});
