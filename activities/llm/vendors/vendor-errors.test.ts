import { llmFailure, redact, retryAfterMs } from './vendor-errors';

const headers = (h: Record<string, string>) => new Headers(h);

test('Retry-After is read as seconds, as an HTTP date, or from OpenAI\'s retry-after-ms', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  expect(retryAfterMs(headers({ 'retry-after': '7' }), now)).toBe(7000);
  expect(retryAfterMs(headers({ 'retry-after': '0.5' }), now)).toBe(500);
  expect(retryAfterMs(headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }), now)).toBe(30_000);
  expect(retryAfterMs(headers({ 'retry-after': 'Wed, 31 Dec 2025 00:00:00 GMT' }), now)).toBe(0);
  expect(retryAfterMs(headers({ 'retry-after-ms': '1500', 'retry-after': '2' }), now)).toBe(1500);
  expect(retryAfterMs(headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
  expect(retryAfterMs(undefined, now)).toBeUndefined();
});

test.each([
  [401, 'llm_auth_failed', true], [403, 'llm_auth_failed', true],
  [400, 'llm_invalid_request', true], [404, 'llm_invalid_request', true], [422, 'llm_invalid_request', true], [413, 'llm_invalid_request', true],
  [429, 'llm_rate_limited', false], [500, 'llm_unavailable', false], [529, 'llm_unavailable', false], [408, 'llm_unavailable', false],
])('HTTP %i → %s (non-retryable: %s)', (status, type, nonRetryable) => {
  expect(llmFailure({ kind: 'http', status, message: 'x' }, { vendor: 'v', secrets: [] })).toMatchObject({ type, nonRetryable });
});

test('a 503 with Retry-After waits as asked; timeouts and refused connections are llm_unavailable', () => {
  expect(llmFailure({ kind: 'http', status: 503, message: 'x', headers: headers({ 'retry-after': '3' }) }, { vendor: 'v', secrets: [] }).nextRetryDelay).toBe(3000);
  expect(llmFailure({ kind: 'timeout', message: 'x' }, { vendor: 'v', secrets: [] })).toMatchObject({ type: 'llm_unavailable', nonRetryable: false });
  expect(llmFailure({ kind: 'connection', message: 'x' }, { vendor: 'v', secrets: [] })).toMatchObject({ type: 'llm_unavailable', nonRetryable: false });
  expect(llmFailure({ kind: 'other', message: 'x' }, { vendor: 'v', secrets: [] })).toMatchObject({ type: 'llm_failed', nonRetryable: false });
});

test('secrets are cut out of every message; empty or tiny "secrets" are ignored', () => {
  expect(redact('key sk-abcdef was sk-abcdef', ['sk-abcdef', undefined, ''])).toBe('key [redacted] was [redacted]');
  expect(llmFailure({ kind: 'connection', message: 'to https://u:sk-abcdef@host' }, { vendor: 'v', secrets: ['sk-abcdef'] }).message).not.toContain('sk-abcdef');
});
