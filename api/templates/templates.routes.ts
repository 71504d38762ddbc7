/** /templates: prompt templates with `{{variables}}`. Reading is open to every role; writing is for admins. */
import { jsonRoute } from '../http/route';
import { idParams } from '../shared/common.schemas';
import { listTemplatesQuery, patchTemplateBody, templateBody, templateDeletedSchema, templatePageSchema, templateWriteSchema } from './templates.schemas';
import { changeTemplate, createTemplateWithWarnings, deleteTemplateClearingReferences, listTemplatesView } from './templates.service';

const tags = ['templates'];
const roles = ['admin'] as const;

export const templateRoutes = [
  jsonRoute({ method: 'get', path: '/templates', operationId: 'listTemplates', summary: 'Prompt templates, newest first', tags, query: listTemplatesQuery, response: templatePageSchema, handler: ({ query }, ctx) => listTemplatesView(ctx.app, ctx.principal!, query) }),
  jsonRoute({
    method: 'post', path: '/templates', operationId: 'createTemplate', summary: 'Create a template; unknown {{variables}} come back as warnings', tags, roles,
    body: templateBody, status: 201, response: templateWriteSchema, problems: [404], handler: ({ body }, ctx) => createTemplateWithWarnings(ctx.app, body),
  }),
  jsonRoute({
    method: 'put', path: '/templates/:id', operationId: 'replaceTemplate', summary: 'Replace a template', tags, roles, params: idParams,
    body: templateBody, response: templateWriteSchema, problems: [404], handler: ({ params, body }, ctx) => changeTemplate(ctx.app, params.id, body, true),
  }),
  jsonRoute({
    method: 'patch', path: '/templates/:id', operationId: 'updateTemplate', summary: 'Change some fields of a template', tags, roles, params: idParams,
    body: patchTemplateBody, response: templateWriteSchema, problems: [404], handler: ({ params, body }, ctx) => changeTemplate(ctx.app, params.id, body, false),
  }),
  jsonRoute({
    method: 'delete', path: '/templates/:id', operationId: 'deleteTemplate', summary: 'Delete a template, clearing and reporting references to it', tags, roles, params: idParams,
    response: templateDeletedSchema, problems: [404], handler: ({ params }, ctx) => deleteTemplateClearingReferences(ctx.app, params.id),
  }),
];
