import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskRow } from '../../core/api-types';
import { actionProblem, actionsFor, dropAction, noMoveProblem, toColumns } from './board';
import { TasksBoard } from './tasks-board';

const task = (id: string, status: TaskRow['status']): TaskRow => ({
  id, goalId: 'g1', subtaskId: id, title: `Task ${id}`, description: '', status, updatedAt: '', priority: 'medium', attempt: 1, teamId: null, agent: null, error: null,
});

describe('board rules', () => {
  it('offers the moves worth trying from each status', () => {
    expect(actionsFor('in_progress')).toEqual(['pause', 'cancel']);
    expect(actionsFor('paused')).toEqual(['resume', 'cancel']);
    expect(actionsFor('failed')).toEqual(['retry']);
    expect(actionsFor('completed')).toEqual([]);
  });

  it('puts every task in its status column, in board order', () => {
    const cols = toColumns([task('a', 'paused'), task('b', 'todo'), task('c', 'paused')]);
    expect(cols[0]).toEqual({ status: 'todo', tasks: [task('b', 'todo')] });
    expect(cols.find((c) => c.status === 'paused')?.tasks.map((t) => t.id)).toEqual(['a', 'c']);
    expect(cols).toHaveLength(10);
  });

  it('maps a drop on a column to the intervention it stands for', () => {
    expect(dropAction('in_progress', 'paused')).toBe('pause');
    expect(dropAction('completed', 'paused')).toBe('pause'); // the API refuses it, with a reason
    expect(dropAction('todo', 'cancelled')).toBe('cancel');
    expect(dropAction('paused', 'in_progress')).toBe('resume');
    expect(dropAction('failed', 'todo')).toBe('retry');
    expect(dropAction('in_progress', 'completed')).toBeNull();
    expect(dropAction('todo', 'in_progress')).toBeNull();
    expect(dropAction('paused', 'paused')).toBeNull();
    expect(noMoveProblem({ title: 'x' }, 'in_progress', 'completed').title).toBe('“x” cannot go from in progress to completed');
  });

  it('reads a refused move as a sentence with the API detail and the real status', () => {
    const err = new HttpErrorResponse({
      status: 409, statusText: 'Conflict',
      error: { title: 'Conflict', detail: 'Cannot pause a task that is completed', code: 'invalid_transition', currentStatus: 'completed' },
    });
    const p = actionProblem({ title: 'Write hello.txt' }, 'pause', err);
    expect(p.title).toBe('Cannot pause “Write hello.txt”');
    expect(p.detail).toBe('Cannot pause a task that is completed');
    expect(p.code).toBe('invalid_transition');
    const terse = new HttpErrorResponse({ status: 409, statusText: 'Conflict', error: { title: 'Conflict', detail: 'not allowed', code: 'invalid_transition', currentStatus: 'waiting_approval' } });
    expect(actionProblem({ title: 't' }, 'retry', terse).detail).toBe('not allowed The task is waiting approval.');
  });
});

describe('TasksBoard', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('shows the API’s 409 invalid_transition readably after a refused move', async () => {
    TestBed.configureTestingModule({ imports: [TasksBoard], providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(TasksBoard);
    fixture.detectChanges();
    backend.expectOne((r) => r.url === '/tasks').flush({ items: [task('g1.s1', 'in_progress')], nextCursor: null });
    await new Promise((r) => setTimeout(r));
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-column=in_progress] [data-task-id="g1.s1"]')).not.toBeNull();
    el.querySelector<HTMLButtonElement>('[data-task-id="g1.s1"] button')!.click();
    backend.expectOne({ method: 'POST', url: '/tasks/g1.s1/pause' }).flush(
      { title: 'Conflict', status: 409, detail: 'This move is not allowed now', code: 'invalid_transition', currentStatus: 'completed' },
      { status: 409, statusText: 'Conflict' },
    );
    await new Promise((r) => setTimeout(r));
    fixture.detectChanges();
    const alert = el.querySelector('.action-error [role=alert]')!;
    expect(alert.textContent).toContain('Cannot pause “Task g1.s1”');
    expect(alert.textContent).toContain('This move is not allowed now');
    expect(alert.textContent).toContain('The task is completed.');
    expect(alert.textContent).toContain('invalid_transition');
    fixture.destroy();
    backend.match(() => true);
  });

  it('a card dropped on Paused asks the API to pause it; a 409 is shown and the card stays where it was', async () => {
    TestBed.configureTestingModule({ imports: [TasksBoard], providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(TasksBoard);
    fixture.detectChanges();
    const done = task('g1.s2', 'completed');
    backend.expectOne((r) => r.url === '/tasks').flush({ items: [done], nextCursor: null });
    await new Promise((r) => setTimeout(r));
    fixture.detectChanges();
    const board = fixture.componentInstance as unknown as { dropped(e: unknown): void };
    const drop = (to: string) => board.dropped({ item: { data: done }, container: { data: to }, previousContainer: { data: 'completed' } });

    drop('completed');
    expect(backend.match((r) => r.method === 'POST')).toEqual([]);
    drop('in_progress');
    expect(backend.match((r) => r.method === 'POST')).toEqual([]);
    drop('paused');
    backend.expectOne({ method: 'POST', url: '/tasks/g1.s2/pause' }).flush(
      { title: 'Conflict', status: 409, detail: 'Cannot pause a task that is completed', code: 'invalid_transition', currentStatus: 'completed' },
      { status: 409, statusText: 'Conflict' },
    );
    await new Promise((r) => setTimeout(r));
    backend.expectOne((r) => r.url === '/tasks').flush({ items: [done], nextCursor: null });
    await new Promise((r) => setTimeout(r));
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('.action-error [role=alert]')!.textContent).toContain('Cannot pause “Task g1.s2”');
    expect(el.querySelector('[data-column=completed] [data-task-id="g1.s2"]')).not.toBeNull();
    expect(el.querySelector('[data-column=paused] [data-task-id="g1.s2"]')).toBeNull();
    backend.match((r) => r.url === '/teams');
    fixture.destroy();
  });

  it('a paused card dropped on In progress resumes and moves to the status the API reports', async () => {
    TestBed.configureTestingModule({ imports: [TasksBoard], providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(TasksBoard);
    fixture.detectChanges();
    const paused = task('g1.s3', 'paused');
    backend.expectOne((r) => r.url === '/tasks').flush({ items: [paused], nextCursor: null });
    await new Promise((r) => setTimeout(r));
    const board = fixture.componentInstance as unknown as { dropped(e: unknown): void };
    board.dropped({ item: { data: paused }, container: { data: 'in_progress' }, previousContainer: { data: 'paused' } });
    backend.expectOne({ method: 'POST', url: '/tasks/g1.s3/resume' }).flush({ id: 'g1.s3', action: 'resume', status: 'in_progress' });
    await new Promise((r) => setTimeout(r));
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-column=in_progress] [data-task-id="g1.s3"]')).not.toBeNull();
    expect(el.querySelector('.moved')!.textContent).toContain('resume done, now in progress');
    backend.match(() => true);
    fixture.destroy();
  });
});
