import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { describe, expect, it } from 'vitest';
import { NewTask } from './new-task';

const tick = () => new Promise((r) => setTimeout(r));

describe('NewTask', () => {
  it('posts what was filled in, shows the API’s 400, then emits the created task', async () => {
    TestBed.configureTestingModule({ imports: [NewTask], providers: [provideHttpClient(), provideHttpClientTesting()] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(NewTask);
    fixture.componentRef.setInput('teams', [{ id: 't1', name: 'Blue' }]);
    fixture.componentRef.setInput('waitable', [{ id: 'x.s1', title: 'Earlier task' }]);
    const created: unknown[] = [];
    fixture.componentInstance.created.subscribe((t) => created.push(t));
    fixture.detectChanges();
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const form = fixture.componentInstance as unknown as Record<string, { set(v: unknown): void }>;
    form['description']!.set('Write the release notes');
    form['teamId']!.set('t1');
    form['dependsOn']!.set(['x.s1']);
    expect(fixture.componentInstance.body()).toEqual({ description: 'Write the release notes', priority: 'medium', dependsOn: ['x.s1'], teamId: 't1' });

    el.querySelector('form')!.dispatchEvent(new Event('submit'));
    backend.expectOne({ method: 'POST', url: '/tasks' }).flush(
      { title: 'Bad Request', status: 400, detail: 'Unknown dependencies: x.s1', code: 'missing_dependencies' },
      { status: 400, statusText: 'Bad Request' },
    );
    await tick();
    fixture.detectChanges();
    expect(el.querySelector('[role=alert]')!.textContent).toContain('Unknown dependencies: x.s1');
    expect(created).toEqual([]);

    el.querySelector('form')!.dispatchEvent(new Event('submit'));
    backend.expectOne({ method: 'POST', url: '/tasks' }).flush({ id: 'b.t1', title: 'Write the release notes', status: 'todo' }, { status: 201, statusText: 'Created' });
    await tick();
    fixture.detectChanges();
    expect(created).toEqual([{ id: 'b.t1', title: 'Write the release notes', status: 'todo' }]);
    expect(el.querySelector('[role=alert]')).toBeNull();
  });
});
