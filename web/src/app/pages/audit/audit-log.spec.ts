import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { describe, expect, it } from 'vitest';
import { AuditLog } from './audit-log';
import { CursorPager } from './audit-pager';

const entry = (id: string) => ({ id, action: 'login.succeeded', actorId: 'u1', actorName: 'admin', targetType: 'user', targetId: 'u1', details: {}, createdAt: '2026-12-01T10:00:00Z' });
const tick = () => new Promise((r) => setTimeout(r));

describe('CursorPager', () => {
  it('walks to older pages by nextCursor and back to newer ones', () => {
    const p = new CursorPager();
    p.loaded('c2');
    expect([p.current, p.hasNewer, p.hasOlder]).toEqual([null, false, true]);
    p.older();
    p.loaded(null);
    expect([p.current, p.page, p.hasNewer, p.hasOlder]).toEqual(['c2', 2, true, false]);
    p.newer();
    expect([p.current, p.page]).toEqual([null, 1]);
  });
});

describe('AuditLog page', () => {
  it('pages through the log with the API’s cursor and filters by action', async () => {
    TestBed.configureTestingModule({ imports: [AuditLog], providers: [provideHttpClient(), provideHttpClientTesting()] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(AuditLog);
    fixture.detectChanges();
    const first = backend.expectOne((r) => r.url === '/audit-logs');
    expect(first.request.params.get('cursor')).toBeNull();
    first.flush({ items: [entry('a1')], nextCursor: 'next-1' });
    await tick();
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-audit-id=a1]')).not.toBeNull();
    const [newer, older] = Array.from(el.querySelectorAll<HTMLButtonElement>('.pager button'));
    expect(newer!.disabled).toBe(true);
    older!.click();
    const second = backend.expectOne((r) => r.url === '/audit-logs');
    expect(second.request.params.get('cursor')).toBe('next-1');
    second.flush({ items: [entry('a2')], nextCursor: null });
    await tick();
    fixture.detectChanges();
    expect(el.querySelector('[data-audit-id=a2]')).not.toBeNull();
    expect(el.textContent).toContain('Page 2');

    const select = el.querySelector<HTMLSelectElement>('#audit-action')!;
    select.value = 'api_key.created';
    select.dispatchEvent(new Event('change'));
    const filtered = backend.expectOne((r) => r.url === '/audit-logs');
    expect(filtered.request.params.get('action')).toBe('api_key.created');
    expect(filtered.request.params.get('cursor')).toBeNull();
    filtered.flush({ items: [], nextCursor: null });
    await tick();
    fixture.detectChanges();
    expect(el.textContent).toContain('Nothing recorded for api_key.created.');
  });

  it('shows the 403 a non-admin gets', async () => {
    TestBed.configureTestingModule({ imports: [AuditLog], providers: [provideHttpClient(), provideHttpClientTesting()] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(AuditLog);
    fixture.detectChanges();
    backend.expectOne((r) => r.url === '/audit-logs').flush({ title: 'Forbidden', detail: 'This needs one of the roles: admin', code: 'forbidden' }, { status: 403, statusText: 'Forbidden' });
    await tick();
    fixture.detectChanges();
    expect((fixture.nativeElement as HTMLElement).querySelector('[role=alert]')!.textContent).toContain('This needs one of the roles: admin');
  });
});
