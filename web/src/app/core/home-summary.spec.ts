import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { GoalSummary, TaskRow, Worker } from './api-types';
import { HomeData, summarize, todayUtc } from './home-summary';

const goal = (id: string, status: GoalSummary['status'], updatedAt = '2026-01-01T00:00:00Z'): GoalSummary => ({
  id, goal: `goal ${id}`, status, teamId: null, plan: [], usage: { calls: 0, inputTokens: 0, outputTokens: 0, tokens: 0, costUsd: 0 },
  error: status === 'failed' ? { code: 'llm_failed', detail: 'the model did not answer' } : null,
  workflowId: `goal-${id}`, temporalUiUrl: '', createdAt: updatedAt, updatedAt,
});
const task = (id: string, status: TaskRow['status'], updatedAt = '2026-01-01T00:00:00Z'): TaskRow => ({
  id, goalId: 'g', subtaskId: id, title: `task ${id}`, description: '', status, updatedAt, priority: 'medium', attempt: 1, teamId: null, agent: null,
  error: status === 'failed' ? { code: 'command_failed', detail: 'exit 1' } : null,
});
const worker = (id: string, status: Worker['status']): Worker => ({ id, name: id, url: null, status, lastSeen: '', taskQueue: 'q', capabilities: [], maxConcurrency: 1 });

describe('summarize', () => {
  it('counts goals per status, keeps active tasks, online workers and today’s spend', () => {
    const s = summarize({
      goals: [goal('a', 'running'), goal('b', 'running'), goal('c', 'failed', '2026-01-01T00:00:05Z')],
      tasks: [task('t1', 'in_progress'), task('t2', 'proposing'), task('t3', 'completed'), task('t4', 'failed', '2026-01-01T00:00:09Z')],
      approvals: [],
      workers: [worker('w1', 'online'), worker('w2', 'offline')],
      usageToday: [{ key: '2026-01-01', calls: 2, inputTokens: 10, outputTokens: 5, costUsd: 0.25 }, { key: 'x', calls: 1, inputTokens: 1, outputTokens: 1, costUsd: 0.5 }],
    });
    expect(s.goalCounts.find((c) => c.status === 'running')?.count).toBe(2);
    expect(s.goalCounts.find((c) => c.status === 'paused')?.count).toBe(0);
    expect(s.goalTotal).toBe(3);
    expect(s.running.map((t) => t.id)).toEqual(['t1', 't2']);
    expect([s.workersOnline, s.workersTotal]).toEqual([1, 2]);
    expect(s.spendTodayUsd).toBe(0.75);
    expect(s.tokensToday).toBe(17);
    // Newest failure first, goals and tasks together, with the API's detail.
    expect(s.failures.map((f) => [f.kind, f.id, f.detail])).toEqual([
      ['task', 't4', 'exit 1'],
      ['goal', 'c', 'the model did not answer'],
    ]);
  });

  it('names today as a UTC date', () => {
    expect(todayUtc(new Date('2026-03-04T23:30:00-02:00'))).toBe('2026-03-05');
  });
});

describe('HomeData', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('asks for today’s usage grouped by day and the worker registry', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const backend = TestBed.inject(HttpTestingController);
    const result = TestBed.inject(HomeData).load(new Date('2026-05-06T12:00:00Z'));
    backend.expectOne((r) => r.url === '/goals' && !r.params.has('status')).flush({ items: [goal('a', 'completed')], nextCursor: null });
    backend.expectOne((r) => r.url === '/tasks' && !r.params.has('status')).flush({ items: [], nextCursor: null });
    backend.expectOne((r) => r.url === '/tasks' && r.params.get('status') === 'waiting_approval').flush({ items: [], nextCursor: null });
    backend.expectOne((r) => r.url === '/goals' && r.params.get('status') === 'waiting_approval').flush({ items: [], nextCursor: null });
    backend.expectOne('/agents?limit=200').flush({ items: [worker('w', 'online')], nextCursor: null });
    const usage = backend.expectOne((r) => r.url === '/usage');
    expect(usage.request.params.get('groupBy')).toBe('day');
    expect(usage.request.params.get('since')).toBe('2026-05-06');
    usage.flush({ items: [{ key: '2026-05-06', calls: 1, inputTokens: 1, outputTokens: 1, costUsd: 0.01 }] });
    const s = await result;
    expect(s.goalCounts.find((c) => c.status === 'completed')?.count).toBe(1);
    expect(s.workersOnline).toBe(1);
    expect(s.spendTodayUsd).toBe(0.01);
  });
});
