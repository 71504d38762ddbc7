import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TriggerTestPanel } from './trigger-test-panel';

describe('TriggerTestPanel', () => {
  let backend: HttpTestingController;
  beforeEach(() => {
    TestBed.configureTestingModule({ imports: [TriggerTestPanel], providers: [provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
  });
  afterEach(() => backend.verify());

  async function render() {
    const fixture = TestBed.createComponent(TriggerTestPanel);
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  it('says what the sample payload would create', async () => {
    const { fixture, el } = await render();
    el.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    const req = backend.expectOne({ method: 'POST', url: '/triggers/test' });
    expect(req.request.body).toEqual({ source: 'generic', payload: { goal: 'List the files' } });
    req.flush({ wouldCreate: true, goal: 'List the files', parsedTasks: [{ title: 'List the files', description: '', priority: 'medium' }] });
    await fixture.whenStable();
    const result = el.querySelector('.test-result')!;
    expect(result.textContent).toContain('Would create a goal');
    expect(result.textContent).toContain('List the files');
  });

  it('catches JSON that does not parse before calling the API', async () => {
    const { fixture, el } = await render();
    const area = el.querySelector<HTMLTextAreaElement>('#test-payload')!;
    area.value = '{ not json';
    area.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    el.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await fixture.whenStable();
    expect(el.querySelector('#test-json-error')!.textContent).toContain('Not valid JSON');
    expect(area.getAttribute('aria-invalid')).toBe('true');
  });
});
