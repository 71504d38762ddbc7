/**
 * POST /providers/{id}/test: one cheap, read-only request to the vendor through its official SDK —
 * list the models — so an operator learns before the first goal whether the URL, key and network work.
 * A 401/403 is `llm_auth_failed`, anything else that fails is `llm_failed` (both 502); the key is cut
 * out of every message. Lives in the API (not the LLM activities) because it answers a request.
 */
import Anthropic from '@anthropic-ai/sdk';
import { Ollama } from 'ollama';
import OpenAI from 'openai';
import type { ProviderKind } from '../../db/schema';
import { UpstreamError } from '../errors/domain-errors';

export interface ProbeTarget {
  kind: ProviderKind;
  baseUrl: string | null;
  apiKey?: string;
  timeoutSeconds: number | null;
}

/** Where the SDKs go when no base URL is configured; LM Studio has no cloud default. */
const LMSTUDIO_DEFAULT = 'http://localhost:1234/v1';
const PROBE_TIMEOUT_MS = 15_000;

async function listModels(target: ProbeTarget, timeoutMs: number): Promise<string[]> {
  const baseURL = target.baseUrl ?? undefined;
  switch (target.kind) {
    case 'offline':
      return ['offline'];
    case 'openai':
    case 'lmstudio': {
      const client = new OpenAI({ apiKey: target.apiKey ?? 'lm-studio', baseURL: baseURL ?? (target.kind === 'lmstudio' ? LMSTUDIO_DEFAULT : undefined), timeout: timeoutMs, maxRetries: 0 });
      return (await client.models.list()).data.map((m) => m.id);
    }
    case 'anthropic': {
      const client = new Anthropic({ apiKey: target.apiKey ?? '', baseURL, timeout: timeoutMs, maxRetries: 0 });
      return (await client.models.list()).data.map((m) => m.id);
    }
    case 'ollama': {
      const client = new Ollama({
        host: baseURL,
        headers: target.apiKey ? { Authorization: `Bearer ${target.apiKey}` } : undefined,
        fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
      });
      return (await client.list()).models.map((m) => m.name);
    }
  }
}

function statusOf(err: unknown): number | undefined {
  const e = err as { status?: unknown; status_code?: unknown } | null;
  const status = e?.status ?? e?.status_code;
  return typeof status === 'number' ? status : undefined;
}

export async function probeProvider(target: ProbeTarget): Promise<{ ok: true; models: string[]; latencyMs: number }> {
  const started = performance.now();
  try {
    const models = await listModels(target, (target.timeoutSeconds ?? 0) * 1000 || PROBE_TIMEOUT_MS);
    return { ok: true, models, latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    const status = statusOf(err);
    let detail = err instanceof Error ? err.message : String(err);
    if (target.apiKey && target.apiKey.length >= 4) detail = detail.split(target.apiKey).join('[redacted]');
    const latencyMs = Math.round(performance.now() - started);
    if (status === 401 || status === 403) throw new UpstreamError('llm_auth_failed', `The ${target.kind} server refused the API key (HTTP ${status})`, { latencyMs });
    throw new UpstreamError('llm_failed', `The ${target.kind} server did not answer the test: ${detail.slice(0, 300)}`, { latencyMs });
  }
}
