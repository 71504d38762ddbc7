/** The circuit book as plain state: when a worker's circuit opens, holds dispatch, closes and resets. */
import { SHARED_WORKERS, type AutopilotState } from '../core/autopilot-messages';
import { CircuitBook } from './autopilot-circuits';

const fresh = (): AutopilotState => ({
  maxConcurrency: 2, securityLevel: 'balanced', status: 'running', inFlight: [], maxObservedInFlight: 0,
  started: 0, completed: 0, failed: 0, ticks: 0, recent: [], runs: 1, circuitOpenSeconds: 60,
});
const T = Date.parse('2026-01-01T00:00:00Z');

test('three failures in a row open a worker for circuitOpenSeconds; a success in between starts the count again', () => {
  const state = fresh();
  const book = new CircuitBook(state);
  book.record('w1', 'failed', T);
  book.record('w1', 'failed', T);
  book.record('w1', 'completed', T);
  book.record('w1', 'failed', T);
  book.record('w1', 'failed', T);
  expect(book.isOpen('w1', T)).toBe(false);
  book.record('w1', 'failed', T);
  expect(book.isOpen('w1', T)).toBe(true);
  expect(book.isOpen('w1', T + 60_000)).toBe(false);
  expect(state.circuits).toEqual({ w1: { consecutiveFailures: 3, opened: 1, openUntil: new Date(T + 60_000).toISOString() } });
  // Half-open once the time is up: the next failure opens it again at once.
  book.record('w1', 'failed', T + 61_000);
  expect(book.isOpen('w1', T + 61_000)).toBe(true);
  expect(state.circuits!.w1!.opened).toBe(2);
});

test('dispatch is held only while every known worker is open; cancellations do not count; reset closes', () => {
  const book = new CircuitBook(fresh());
  expect(book.heldUntil(T)).toBeUndefined();
  for (let i = 0; i < 3; i++) book.record('w1', 'failed', T);
  expect(book.heldUntil(T)).toBe(T + 60_000);
  book.record(SHARED_WORKERS, 'cancelled', T);
  expect(book.heldUntil(T)).toBe(T + 60_000);
  book.record(SHARED_WORKERS, 'completed', T);
  expect(book.heldUntil(T)).toBeUndefined();
  expect(book.openWorkers(T)).toEqual(['w1']);
  for (let i = 0; i < 3; i++) book.record(SHARED_WORKERS, 'failed', T + 1000);
  expect(book.heldUntil(T + 1000)).toBe(T + 60_000);
  book.reset('w1');
  expect(book.openWorkers(T + 1000)).toEqual([SHARED_WORKERS]);
  expect(book.heldUntil(T + 1000)).toBeUndefined();
  book.reset();
  expect(book.openWorkers(T + 1000)).toEqual([]);
});

test('the worker of a task: its agent, else its pin, else the shared pool', () => {
  expect(CircuitBook.workerOf('w-agent', 'w-pin')).toBe('w-agent');
  expect(CircuitBook.workerOf(null, 'w-pin')).toBe('w-pin');
  expect(CircuitBook.workerOf(null, null)).toBe(SHARED_WORKERS);
});
