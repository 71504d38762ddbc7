/** Turns zod issues into the contract's `errors[{path, message}]`, with the part of the request as prefix. */
import type { z } from 'zod';
import type { FieldIssue } from './domain-errors';

export function zodIssues(issues: readonly z.core.$ZodIssue[], prefix?: string): FieldIssue[] {
  return issues.map((issue) => {
    const segments = [prefix, ...issue.path.map((p) => String(p))].filter((s): s is string => !!s);
    return { path: segments.join('.'), message: issue.message, code: issue.code };
  });
}
