/**
 * An LLM fake for workflow tests: answers each purpose from a script, records every request, and
 * throws when its script runs out, so a test never passes on an answer nobody wrote.
 */
import type { LlmProvider, LlmPurpose, LlmRequest, LlmResponse } from '../../activities/llm/provider';

/** An answer, or a function of the request that gives one (any value is an answer, so the union is documentation). */
// oxlint-disable-next-line typescript/no-redundant-type-constituents
export type ScriptedAnswer = unknown | ((request: LlmRequest) => unknown);

export interface ScriptedProvider extends LlmProvider {
  requests: LlmRequest[];
}

export function createScriptedProvider(script: Partial<Record<LlmPurpose, ScriptedAnswer[] | ((request: LlmRequest) => unknown)>>): ScriptedProvider {
  const cursors: Record<string, number> = {};
  const requests: LlmRequest[] = [];
  return {
    name: 'scripted',
    requests,
    async complete(request: LlmRequest): Promise<LlmResponse> {
      requests.push(request);
      const entry = script[request.purpose];
      let answer: unknown;
      if (typeof entry === 'function') answer = entry(request);
      else {
        const i = cursors[request.purpose] ?? 0;
        if (!entry || i >= entry.length) throw new Error(`scripted provider: no answer left for ${request.purpose} (request #${i + 1})`);
        cursors[request.purpose] = i + 1;
        const item = entry[i];
        answer = typeof item === 'function' ? (item as (r: LlmRequest) => unknown)(request) : item;
      }
      const text = typeof answer === 'string' ? answer : JSON.stringify(answer);
      return { text, model: 'scripted', inputTokens: 10, outputTokens: 5, costUsd: 0.0001 };
    },
  };
}
