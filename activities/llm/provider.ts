/**
 * The one small interface every LLM vendor implements. A provider turns a request into text; the LLM
 * activities own the prompts, the zod checks of the structured answer and the retry-or-fail decision,
 * so a vendor adapter stays a thin wire client.
 */
export type LlmPurpose = 'plan' | 'propose_step' | 'detect_followups';

export interface LlmRequest {
  purpose: LlmPurpose;
  system: string;
  prompt: string;
  /** The same request as data, for providers that do not read prose (the offline planner). */
  input: unknown;
  signal?: AbortSignal;
}

export interface LlmResponse {
  /** Expected to be one JSON object matching the purpose's schema. */
  text: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  costUsd?: number;
}

export interface LlmProvider {
  readonly name: string;
  complete(request: LlmRequest): Promise<LlmResponse>;
}
