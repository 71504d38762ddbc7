/**
 * Ollama through the official `ollama` SDK: `/api/chat`, not streamed. `format` is the answer's JSON
 * Schema (Ollama ≥ 0.5 holds decoding to it), or `'json'` (any JSON) for a request without one. With
 * model `auto` the first model of `/api/tags` is used.
 *
 * The SDK takes no per-request signal or timeout and its ResponseError carries no headers, so each call
 * gets a client whose fetch adds the signal (cancellation + timeout) and keeps the response headers
 * for Retry-After. A client is a plain object, so one per call costs nothing.
 */
import { Ollama } from 'ollama';
import { ApplicationFailure } from '@temporalio/common';
import { pricedResponse, type Pricing } from '../prices';
import type { LlmProvider, LlmRequest, LlmResponse } from '../provider';
import { callVendor, LLM_UNAVAILABLE, otherFault, type HeaderReader, type VendorFault } from './vendor-errors';

export interface OllamaProviderOptions {
  /** Recorded with usage; `ollama` by default. */
  name?: string;
  /** OLLAMA_HOST; undefined means the SDK's default (http://127.0.0.1:11434). */
  host?: string;
  /** Sent as a bearer token, for Ollama behind an authenticating proxy or ollama.com. */
  apiKey?: string;
  /** A model name, or `auto` to take the first installed one. */
  model: string;
  timeoutMs: number;
  temperature?: number;
  pricing: Pricing;
}

/** Ollama's ResponseError (not exported by the SDK): an HTTP status and the server's error text. */
function ollamaFault(err: unknown, headers: HeaderReader | undefined): VendorFault {
  const status = (err as { status_code?: unknown } | null)?.status_code;
  if (err instanceof Error && err.name === 'ResponseError' && typeof status === 'number') {
    return { kind: 'http', status, message: err.message, headers };
  }
  return otherFault(err);
}

export function createOllamaProvider(opts: OllamaProviderOptions): LlmProvider {
  let discovered: string | undefined;
  const name = opts.name ?? 'ollama';

  return {
    name,
    async complete(request: LlmRequest): Promise<LlmResponse> {
      const signal = request.signal ? AbortSignal.any([request.signal, AbortSignal.timeout(opts.timeoutMs)]) : AbortSignal.timeout(opts.timeoutMs);
      let lastHeaders: Headers | undefined;
      const client = new Ollama({
        host: opts.host,
        headers: opts.apiKey ? { Authorization: `Bearer ${opts.apiKey}` } : undefined,
        fetch: async (input, init) => {
          const response = await fetch(input, { ...init, signal });
          lastHeaders = response.headers;
          return response;
        },
      });
      const ctx = { vendor: name, secrets: [opts.apiKey], signal: request.signal, describe: (err: unknown) => ollamaFault(err, lastHeaders) };
      try {
        return await callVendor(ctx, async () => {
          if (opts.model === 'auto' && !discovered) {
            const first = (await client.list()).models[0]?.name;
            if (!first) throw ApplicationFailure.retryable('ollama has no models installed: pull one, or set ANANTA_LLM_MODEL', LLM_UNAVAILABLE);
            discovered = first;
          }
          const model = opts.model === 'auto' ? discovered! : opts.model;
          const response = await client.chat({
            model,
            format: request.answerSchema?.jsonSchema ?? 'json',
            stream: false,
            ...(opts.temperature !== undefined ? { options: { temperature: opts.temperature } } : {}),
            messages: [
              { role: 'system', content: request.system },
              { role: 'user', content: request.prompt },
            ],
          });
          return pricedResponse(opts.pricing, {
            text: response.message?.content ?? '',
            model: response.model || model,
            inputTokens: response.prompt_eval_count ?? 0,
            outputTokens: response.eval_count ?? 0,
          });
        });
      } catch (err) {
        discovered = undefined;
        throw err;
      }
    },
  };
}
