/**
 * zod schemas of the structured answers; anything else from a model is malformed, never "empty".
 * Each is also sent to the vendor as JSON Schema (`answerSchemas`), so the model is held to it where the
 * vendor can; zod still checks every answer. Rule for the schemas: an optional field either has a
 * default or accepts null (read as absent), so OpenAI's strict mode, which requires every field, can
 * require them all (vendors/openai-strict-schema.ts).
 */
import { z } from 'zod';
import type { AnswerSchema, LlmPurpose } from './provider';

const subtaskId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'subtask ids are short slugs');

/** An optional field that also takes null (what a strict-mode model sends for "none"), read as absent. */
const absentWhenNull = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);

export const planAnswerSchema = z.object({
  subtasks: z
    .array(
      z.object({
        id: subtaskId,
        title: z.string().trim().min(1).max(200),
        description: z.string().trim().min(1).max(4000),
        dependsOn: z.array(subtaskId).default([]),
      }),
    )
    .min(1, 'a plan needs at least one subtask'),
  note: absentWhenNull(z.string()),
});

export const stepAnswerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('command'), reasoning: z.string().default(''), command: z.string().trim().min(1).max(8000) }),
  z.object({ kind: z.literal('done'), success: z.boolean(), summary: z.string().default('') }),
]);

export const followupsAnswerSchema = z.object({
  followups: z.array(
    z.object({ description: z.string().trim().min(1).max(2000), priority: absentWhenNull(z.enum(['low', 'medium', 'high'])) }),
  ),
});

/**
 * The JSON Schema of what a model may send (zod's input side: defaulted fields are optional). A union
 * at the root (the step) becomes `anyOf` under `type: 'object'`: tool input schemas must be objects at
 * the root, and constrained decoders handle anyOf more widely than oneOf; the branches differ in their
 * `kind` constant, so either means the same.
 */
function answerSchema(name: string, description: string, schema: z.ZodType): AnswerSchema {
  const { $schema: _dialect, oneOf, ...json } = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
  const jsonSchema = oneOf ? { type: 'object', anyOf: oneOf, ...json } : json;
  return { name, description, jsonSchema };
}

export const answerSchemas: Readonly<Record<LlmPurpose, AnswerSchema>> = {
  plan: answerSchema('plan_answer', 'The plan: the subtasks that reach the goal.', planAnswerSchema),
  propose_step: answerSchema('step_answer', 'The next shell command to run, or that the task is done.', stepAnswerSchema),
  detect_followups: answerSchema('followups_answer', 'The follow-up tasks still needed, possibly none.', followupsAnswerSchema),
};
