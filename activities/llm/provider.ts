/**
 * The one small interface every LLM vendor implements. A provider turns a request into text; the LLM
 * activities own the prompts, the zod checks of the structured answer and the retry-or-fail decision,
 * so a vendor adapter stays a thin wire client. It only puts the answer's schema in its vendor's form
 * (JSON schema mode, a forced tool call, Ollama's format), so the model is held to the shape zod checks.
 */
export type LlmPurpose = 'plan' | 'propose_step' | 'detect_followups';

/** The shape an answer must have, as JSON Schema (from the zod schema in schemas.ts). */
export interface AnswerSchema {
  /** A short slug (`plan_answer`): OpenAI's json_schema name, Anthropic's tool name. */
  name: string;
  /** One sentence for the model: what the answer is. */
  description: string;
  /** JSON Schema (draft 2020-12) of the answer; always `type: 'object'` at the root, as tool input schemas must be. */
  jsonSchema: Record<string, unknown>;
}

export interface LlmRequest {
  purpose: LlmPurpose;
  system: string;
  prompt: string;
  /** The same request as data, for providers that do not read prose (the offline planner). */
  input: unknown;
  /** The answer's schema, for vendors that can hold the model to it; absent: ask for any JSON object. */
  answerSchema?: AnswerSchema;
  signal?: AbortSignal;
}

export interface LlmResponse {
  /** Expected to be one JSON object matching the purpose's schema (a tool call's input, as JSON text). */
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
