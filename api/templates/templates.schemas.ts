/** Shapes of /templates. Write responses carry `warnings` (unknown variables) next to the template. */
import { z } from 'zod';
import { pageQuery } from '../shared/common.schemas';

const id = z.string().min(1).max(200);

export const templateBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  body: z.string().min(1).max(50_000),
  variables: z.array(z.string().min(1).max(100)).max(100).optional().describe('Extra variables this template declares'),
  teamId: id.nullable().optional(),
  providerId: id.nullable().optional().describe("The LLM provider for goals that use this template; overrides the team's"),
});
export type TemplateBody = z.output<typeof templateBody>;
export const patchTemplateBody = templateBody.partial();
export type PatchTemplateBody = z.output<typeof patchTemplateBody>;
export const listTemplatesQuery = z.object(pageQuery);

const templateFields = {
  id: z.string(), name: z.string(), body: z.string(), variables: z.array(z.string()), teamId: z.string().nullable(), createdAt: z.iso.datetime(),
  providerId: z.string().nullable(),
};
export const templateSchema = z.object(templateFields).meta({ id: 'Template' });
export const templateWriteSchema = z
  .object({ ...templateFields, warnings: z.array(z.object({ type: z.literal('unknown_variables'), variables: z.array(z.string()) })) })
  .meta({ id: 'TemplateWithWarnings' });
export const templatePageSchema = z.object({ items: z.array(templateSchema), nextCursor: z.string().nullable() }).meta({ id: 'TemplatePage' });
export const templateDeletedSchema = z
  .object({
    id: z.string(),
    deleted: z.literal(true),
    cleared: z.object({
      teams: z.array(z.string()), roles: z.array(z.string()), teamTypeRoles: z.array(z.object({ teamTypeId: z.string(), roleId: z.string() })), triggers: z.array(z.string()),
    }).describe('References to the template that were cleared'),
  })
  .meta({ id: 'TemplateDeleted' });
