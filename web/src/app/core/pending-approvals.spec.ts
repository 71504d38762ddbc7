import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PendingApprovals } from './pending-approvals';

describe('PendingApprovals', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
  });
  afterEach(() => backend.verify());

  it('merges the task list with the live subtasks of waiting goals, without duplicates, oldest first', async () => {
    const result = TestBed.inject(PendingApprovals).list();
    backend.expectOne((r) => r.url === '/tasks' && r.params.get('status') === 'waiting_approval').flush({
      items: [{ id: 'g1.s1', goalId: 'g1', subtaskId: 's1', title: 'one', description: '', status: 'waiting_approval', updatedAt: '2026-01-01T00:00:03Z' }],
      nextCursor: null,
    });
    backend.expectOne((r) => r.url === '/goals' && r.params.get('status') === 'waiting_approval').flush({
      items: [{ id: 'g1' }, { id: 'g2' }],
      nextCursor: null,
    });
    await Promise.resolve();
    await new Promise((r) => setTimeout(r));
    const subtask = (taskId: string, status: string) => ({ id: taskId.split('.')[1], taskId, title: taskId, status, dependsOn: [], origin: 'plan', attempt: 1 });
    backend.expectOne('/goals/g1').flush({ id: 'g1', updatedAt: '2026-01-01T00:00:09Z', subtasks: [subtask('g1.s1', 'waiting_approval')] });
    backend.expectOne('/goals/g2').flush({ id: 'g2', updatedAt: '2026-01-01T00:00:01Z', subtasks: [subtask('g2.s1', 'completed'), subtask('g2.s2', 'waiting_approval')] });
    expect((await result).map((w) => [w.taskId, w.since])).toEqual([
      ['g2.s2', '2026-01-01T00:00:01Z'],
      ['g1.s1', '2026-01-01T00:00:03Z'],
    ]);
  });
});
