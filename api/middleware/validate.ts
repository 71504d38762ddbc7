/**
 * The one validation middleware (style rule 15): parses params, query, headers and body with the
 * route's zod schemas and stores the typed result in `res.locals.input` for the handler. Express 5's
 * `req.query` is a read-only getter, so parsed values never go back onto `req`.
 */
import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { ValidationError, type FieldIssue } from '../errors/domain-errors';
import { zodIssues } from '../errors/zod-issues';
import type { AnyRoute, IssueCodeRule } from '../http/route';

const PARTS = ['params', 'query', 'headers', 'body'] as const;
type Part = (typeof PARTS)[number];

function codeFor(issues: FieldIssue[], rules: readonly IssueCodeRule[] = []): string {
  for (const issue of issues) {
    const rule = rules.find((r) => r.path === issue.path && (!issue.code || r.issues.includes(issue.code)));
    if (rule) return rule.code;
  }
  return 'validation_failed';
}

export function validateRequest(route: Pick<AnyRoute, Part | 'issueCodes'>): RequestHandler {
  return (req, res, next) => {
    const input: Record<Part, unknown> = { params: undefined, query: undefined, headers: undefined, body: undefined };
    const issues: FieldIssue[] = [];
    for (const part of PARTS) {
      const schema = route[part] as z.ZodType | undefined;
      if (!schema) continue;
      const raw = part === 'body' ? (req.body ?? {}) : req[part];
      const parsed = schema.safeParse(raw);
      if (parsed.success) input[part] = parsed.data;
      else issues.push(...zodIssues(parsed.error.issues, part));
    }
    if (issues.length > 0) {
      const detail = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
      return next(new ValidationError(detail, issues, codeFor(issues, route.issueCodes)));
    }
    res.locals.input = input;
    next();
  };
}
