import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NewGoal } from './new-goal';

describe('NewGoal', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [NewGoal],
      providers: [provideRouter([{ path: 'goals/:id', children: [] }]), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
  });
  afterEach(() => backend.verify());

  async function render() {
    const fixture = TestBed.createComponent(NewGoal);
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  async function type(el: HTMLElement, selector: string, value: string) {
    const field = el.querySelector<HTMLInputElement | HTMLTextAreaElement>(selector)!;
    field.value = value;
    field.dispatchEvent(new Event('input'));
  }

  it('sends an empty goal to the API and shows its problem detail and field message', async () => {
    const { fixture, el } = await render();
    el.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    const req = backend.expectOne({ method: 'POST', url: '/goals' });
    expect(req.request.body).toEqual({ goal: '' });
    req.flush(
      { title: 'Validation failed', status: 422, detail: 'The request is invalid', code: 'goal_required', errors: [{ path: 'body.goal', message: 'Describe the goal' }] },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await fixture.whenStable();
    const alert = el.querySelector('[role=alert]')!;
    expect(alert.textContent).toContain('Validation failed');
    expect(alert.textContent).toContain('The request is invalid');
    expect(alert.textContent).toContain('goal_required');
    expect(el.querySelector('#goal-error')!.textContent).toContain('Describe the goal');
    expect(el.querySelector('#goal')!.getAttribute('aria-invalid')).toBe('true');
  });

  it('sends context, team and only the budget fields that were filled, then opens the new goal', async () => {
    const { fixture, el } = await render();
    await type(el, '#goal', 'Create a hello.txt');
    await type(el, '#team', ' team-a ');
    await type(el, '#max-subtasks', '3');
    await fixture.whenStable();
    el.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    const req = backend.expectOne({ method: 'POST', url: '/goals' });
    expect(req.request.body).toEqual({ goal: 'Create a hello.txt', teamId: 'team-a', budget: { maxSubtasks: 3 } });
    req.flush({ id: 'g-1', workflowId: 'goal-g-1', status: 'planning', temporalUiUrl: 'http://t' }, { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    await new Promise((r) => setTimeout(r));
    expect(TestBed.inject(Router).url).toBe('/goals/g-1');
  });
});
