import { HttpErrorResponse } from '@angular/common/http';
import { describe, expect, it } from 'vitest';
import { toProblem } from './problem';

describe('toProblem', () => {
  it('reads an RFC 9457 problem with field errors, naming fields as the form does', () => {
    const err = new HttpErrorResponse({
      status: 422,
      statusText: 'Unprocessable Entity',
      error: {
        title: 'Validation failed', detail: 'The request is invalid', code: 'goal_required', status: 422,
        errors: [{ path: 'body.goal', message: 'Too small: expected string to have >=1 characters' }],
      },
    });
    expect(toProblem(err)).toEqual({
      status: 422, title: 'Validation failed', detail: 'The request is invalid', code: 'goal_required',
      errors: [{ path: 'goal', message: 'Too small: expected string to have >=1 characters' }],
    });
  });

  it('explains a network failure instead of showing status 0', () => {
    const p = toProblem(new HttpErrorResponse({ status: 0, statusText: 'Unknown Error' }));
    expect(p.title).toBe('Cannot reach the API');
  });

  it('falls back to the status text when the body is not a problem', () => {
    expect(toProblem(new HttpErrorResponse({ status: 502, statusText: 'Bad Gateway', error: '<html>' }))).toMatchObject({
      status: 502, title: 'Bad Gateway', detail: '', errors: [],
    });
  });

  it('describes a thrown Error', () => {
    expect(toProblem(new Error('boom'))).toMatchObject({ title: 'Something went wrong', detail: 'boom' });
  });
});
