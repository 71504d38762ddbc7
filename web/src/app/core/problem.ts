/**
 * Turns any failure into what a person can read: the API's RFC 9457 problem (`title`, `detail`,
 * `errors[]`) when there is one, else a plain sentence for network and unexpected errors.
 */
import { HttpErrorResponse } from '@angular/common/http';

export interface FieldError { path: string; message: string }

export interface ProblemView {
  status: number;
  title: string;
  detail: string;
  code?: string;
  errors: FieldError[];
}

interface ProblemBody { title?: unknown; detail?: unknown; code?: unknown; errors?: unknown }

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** A string field of a problem body, '' when it is missing or not a string. */
const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

/** `body.budget.maxSubtasks` → `budget.maxSubtasks`: the form's words, not the transport's. */
const fieldName = (path: string): string => path.replace(/^(body|query|params|headers)\./, '');

export function fromProblemBody(status: number, body: unknown, fallback: string): ProblemView {
  const p: ProblemBody = isObject(body) ? body : {};
  const errors = Array.isArray(p.errors)
    ? p.errors.filter(isObject).map((e) => ({ path: fieldName(textOf(e['path'])), message: textOf(e['message']) }))
    : [];
  return {
    status,
    title: typeof p.title === 'string' ? p.title : fallback,
    detail: typeof p.detail === 'string' ? p.detail : '',
    code: typeof p.code === 'string' ? p.code : undefined,
    errors,
  };
}

export function toProblem(err: unknown): ProblemView {
  if (err instanceof HttpErrorResponse) {
    if (err.status === 0) {
      return { status: 0, title: 'Cannot reach the API', detail: 'Check that the Ananta server is running, then try again.', errors: [] };
    }
    return fromProblemBody(err.status, err.error, err.statusText || `HTTP ${err.status}`);
  }
  if (isObject(err) && 'status' in err && 'problem' in err) {
    return fromProblemBody(Number(err['status']), err['problem'], `HTTP ${String(err['status'])}`);
  }
  return { status: 0, title: 'Something went wrong', detail: err instanceof Error ? err.message : String(err), errors: [] };
}
