import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { splitList, Templates } from './templates';

describe('Templates', () => {
  let backend: HttpTestingController;
  beforeEach(() => {
    TestBed.configureTestingModule({ imports: [Templates], providers: [provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
  });
  afterEach(() => backend.verify());

  it('splits declared variables on commas and spaces', () => {
    expect(splitList(' repo, branch ,, ticket ')).toEqual(['repo', 'branch', 'ticket']);
  });

  it('shows its empty state, then the unknown-variable warnings the API returns after a save', async () => {
    const fixture = TestBed.createComponent(Templates);
    fixture.detectChanges();
    backend.expectOne('/templates?limit=200').flush({ items: [], nextCursor: null });
    await new Promise((r) => setTimeout(r));
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.textContent).toContain('No templates yet');

    const type = (sel: string, value: string) => {
      const f = el.querySelector<HTMLInputElement | HTMLTextAreaElement>(sel)!;
      f.value = value;
      f.dispatchEvent(new Event('input'));
    };
    type('#template-name', 'Reviewer');
    type('#template-body', 'Review {{goal}} in {{repo}}');
    await fixture.whenStable();
    el.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    const req = backend.expectOne({ method: 'POST', url: '/templates' });
    expect(req.request.body).toEqual({ name: 'Reviewer', body: 'Review {{goal}} in {{repo}}', variables: [] });
    req.flush(
      { id: 'tp-1', name: 'Reviewer', body: 'Review {{goal}} in {{repo}}', variables: [], teamId: null, createdAt: '', warnings: [{ type: 'unknown_variables', variables: ['repo'] }] },
      { status: 201, statusText: 'Created' },
    );
    await new Promise((r) => setTimeout(r));
    backend.expectOne('/templates?limit=200').flush({ items: [{ id: 'tp-1', name: 'Reviewer', body: 'x', variables: [], teamId: null, createdAt: '' }], nextCursor: null });
    await new Promise((r) => setTimeout(r));
    fixture.detectChanges();
    const warning = el.querySelector('.template-warning')!;
    expect(warning.textContent).toContain('Unknown variables');
    expect(warning.textContent).toContain('repo');
    expect(el.textContent).toContain('Saved “Reviewer”');
  });
});
