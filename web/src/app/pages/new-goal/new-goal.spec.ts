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

  const teams = [
    { id: 'team-a', name: 'Platform', isActive: true },
    { id: 'team-old', name: 'Retired', isActive: false },
  ];
  const templates = [{ id: 'tpl-1', name: 'Careful reviewer' }];

  /** Renders the form and answers its two lists (or fails them with `listStatus`). */
  async function render(listStatus?: number) {
    const fixture = TestBed.createComponent(NewGoal);
    fixture.detectChanges();
    const teamsReq = backend.expectOne((r) => r.method === 'GET' && r.url.startsWith('/teams'));
    const templatesReq = backend.expectOne((r) => r.method === 'GET' && r.url.startsWith('/templates'));
    if (listStatus) {
      const problem = { title: 'Forbidden', status: listStatus, detail: 'no access' };
      teamsReq.flush(problem, { status: listStatus, statusText: 'Forbidden' });
      templatesReq.flush(problem, { status: listStatus, statusText: 'Forbidden' });
    } else {
      teamsReq.flush({ items: teams, nextCursor: null });
      templatesReq.flush({ items: templates, nextCursor: null });
    }
    await new Promise((r) => setTimeout(r)); // ngOnInit awaits both lists
    await fixture.whenStable();
    fixture.detectChanges();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  function choose(el: HTMLElement, selector: string, value: string) {
    const select = el.querySelector<HTMLSelectElement>(selector)!;
    select.value = value;
    select.dispatchEvent(new Event('change'));
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

  it('offers the active teams and the templates, and sends the chosen ones with only the budget fields that were filled, then opens the new goal', async () => {
    const { fixture, el } = await render();
    const teamOptions = [...el.querySelectorAll('#team option')].map((o) => o.textContent!.trim());
    expect(teamOptions).toEqual(['No team', 'Platform']);
    const templateOptions = [...el.querySelectorAll('#template option')].map((o) => o.textContent!.trim());
    expect(templateOptions).toEqual(['No template', 'Careful reviewer']);
    await type(el, '#goal', 'Create a hello.txt');
    choose(el, '#team', 'team-a');
    choose(el, '#template', 'tpl-1');
    await type(el, '#max-subtasks', '3');
    await fixture.whenStable();
    el.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    const req = backend.expectOne({ method: 'POST', url: '/goals' });
    expect(req.request.body).toEqual({ goal: 'Create a hello.txt', teamId: 'team-a', templateId: 'tpl-1', budget: { maxSubtasks: 3 } });
    req.flush({ id: 'g-1', workflowId: 'goal-g-1', status: 'planning', temporalUiUrl: 'http://t' }, { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    await new Promise((r) => setTimeout(r));
    expect(TestBed.inject(Router).url).toBe('/goals/g-1');
  });

  it('shows a field message next to the team and the budget field the API names', async () => {
    const { fixture, el } = await render();
    await type(el, '#goal', 'Something');
    choose(el, '#team', 'team-a');
    await type(el, '#max-cost', '-1');
    await fixture.whenStable();
    el.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    backend.expectOne({ method: 'POST', url: '/goals' }).flush(
      {
        title: 'Validation failed', status: 422, code: 'validation_failed',
        errors: [{ path: 'body.teamId', message: 'Not one of your teams' }, { path: 'body.budget.maxCostUsd', message: 'Must be positive' }],
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await fixture.whenStable();
    fixture.detectChanges();
    expect(el.querySelector('#team-error')!.textContent).toContain('Not one of your teams');
    expect(el.querySelector('#team')!.getAttribute('aria-invalid')).toBe('true');
    expect(el.querySelector('#max-cost-error')!.textContent).toContain('Must be positive');
    expect(el.querySelector('#goal-error')).toBeNull();
  });

  it('still works when teams and templates cannot be listed, and says why they are missing', async () => {
    const { el } = await render(403);
    expect(el.querySelector('[role=status]')!.textContent).toContain('Forbidden');
    expect([...el.querySelectorAll('#team option')].map((o) => o.textContent!.trim())).toEqual(['No team']);
    el.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    backend.expectOne({ method: 'POST', url: '/goals' });
  });
});
