import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { describe, expect, it, vi } from 'vitest';
import { ApiKeysSection } from './api-keys-section';
import { ProvidersSection } from './providers-section';

const tick = () => new Promise((r) => setTimeout(r));
const key = { id: 'k1', name: 'ci', prefix: 'ak_abc', role: 'viewer', teamIds: [], createdBy: 'admin', lastUsedAt: null, revokedAt: null, createdAt: '2026-12-01T10:00:00Z' };

describe('API keys section', () => {
  it('shows the new key’s secret once, and never from the list', async () => {
    TestBed.configureTestingModule({ imports: [ApiKeysSection], providers: [provideHttpClient(), provideHttpClientTesting()] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ApiKeysSection);
    fixture.detectChanges();
    backend.expectOne('/api-keys?limit=200').flush({ items: [], nextCursor: null });
    await tick();
    fixture.detectChanges();
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.textContent).toContain('No API keys yet');
    const name = el.querySelector<HTMLInputElement>('#key-name')!;
    name.value = 'ci';
    name.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    el.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    const create = backend.expectOne({ method: 'POST', url: '/api-keys' });
    expect(create.request.body).toEqual({ name: 'ci', role: 'viewer', teamIds: [] });
    create.flush({ ...key, key: 'ak_abc_secret' });
    await tick();
    backend.expectOne('/api-keys?limit=200').flush({ items: [key], nextCursor: null });
    await tick();
    fixture.detectChanges();
    expect(el.querySelector<HTMLInputElement>('#new-key-secret')!.value).toBe('ak_abc_secret');
    expect(el.querySelector('[data-key-id=k1]')!.textContent).not.toContain('secret');

    vi.spyOn(window, 'confirm').mockReturnValue(true);
    el.querySelector<HTMLButtonElement>('[data-key-id=k1] button')!.click();
    backend.expectOne({ method: 'DELETE', url: '/api-keys/k1' }).flush({ id: 'k1', revoked: true });
    await tick();
    backend.expectOne('/api-keys?limit=200').flush({ items: [{ ...key, revokedAt: '2026-12-01T11:00:00Z' }], nextCursor: null });
    await tick();
    fixture.detectChanges();
    expect(el.querySelector('#new-key-secret')).toBeNull();
    expect(el.querySelector('[data-key-id=k1]')!.textContent).toContain('revoked');
  });
});

describe('LLM providers section', () => {
  it('sends only the fields filled in, reports a test, and shows no key', async () => {
    TestBed.configureTestingModule({ imports: [ProvidersSection], providers: [provideHttpClient(), provideHttpClientTesting()] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ProvidersSection);
    fixture.detectChanges();
    const provider = { id: 'p1', name: 'Main', kind: 'openai', baseUrl: null, model: 'gpt-4o-mini', hasApiKey: true, temperature: null, timeoutSeconds: null, isDefault: true, createdAt: '' };
    backend.expectOne('/providers?limit=200').flush({ items: [provider], nextCursor: null });
    await tick();
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-provider-id=p1]')!.textContent).toContain('key set');

    const section = fixture.componentInstance as unknown as { name: { set(v: string): void }; model: { set(v: string): void }; apiKey: { set(v: string): void }; temperature: { set(v: string): void } };
    section.name.set('Local');
    section.model.set('auto');
    section.apiKey.set('sk-1');
    section.temperature.set('0.2');
    expect(fixture.componentInstance.body()).toEqual({ name: 'Local', kind: 'openai', model: 'auto', apiKey: 'sk-1', temperature: 0.2, isDefault: false });

    el.querySelector<HTMLButtonElement>('[data-provider-id=p1] button')!.click();
    backend.expectOne({ method: 'POST', url: '/providers/p1/test' }).flush({ ok: true, models: ['a', 'b'], latencyMs: 12.4 });
    await tick();
    fixture.detectChanges();
    expect(el.querySelector('.provider-test')!.textContent).toContain('OK in 12 ms; models: a, b');
  });

  it('sends a fallback model only for the roles filled in, and lists them', async () => {
    TestBed.configureTestingModule({ imports: [ProvidersSection], providers: [provideHttpClient(), provideHttpClientTesting()] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ProvidersSection);
    fixture.detectChanges();
    backend.expectOne('/providers?limit=200').flush({ items: [], nextCursor: null });
    await fixture.whenStable();
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const type = (id: string, value: string) => {
      const input = el.querySelector<HTMLInputElement>(`#${id}`)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    expect([...el.querySelectorAll('label')].map((l) => l.textContent!.trim())).toEqual(
      expect.arrayContaining(['Fallback for planning (optional)', 'Fallback for steps (optional)', 'Fallback for follow-ups (optional)']),
    );
    type('prov-name', 'Main');
    type('prov-model', 'gpt-4.1');
    type('prov-fallback-plan', ' gpt-4.1-mini ');
    type('prov-fallback-detect_followups', 'gpt-4.1-nano');
    type('prov-fallback-propose_step', '   ');
    fixture.detectChanges();
    el.querySelector<HTMLFormElement>('form')!.dispatchEvent(new Event('submit'));

    const post = backend.expectOne({ method: 'POST', url: '/providers' });
    expect(post.request.body.fallbackModels).toEqual({ plan: 'gpt-4.1-mini', detect_followups: 'gpt-4.1-nano' });
    const created = { id: 'p3', name: 'Main', kind: 'openai', baseUrl: null, model: 'gpt-4.1', fallbackModels: post.request.body.fallbackModels, hasApiKey: false, temperature: null, timeoutSeconds: null, isDefault: false, createdAt: '' };
    post.flush(created);
    await tick();
    backend.expectOne('/providers?limit=200').flush({ items: [created], nextCursor: null });
    await fixture.whenStable();
    fixture.detectChanges();
    expect(el.querySelector('[data-provider-id=p3] .provider-fallbacks')!.textContent).toContain('fallbacks: planning gpt-4.1-mini, follow-ups gpt-4.1-nano');
    await tick(); // ngModel writes the cleared values to the inputs a turn later
    expect(el.querySelector<HTMLInputElement>('#prov-fallback-plan')!.value).toBe('');
  });

  it('makes a provider the default with PATCH isDefault', async () => {
    TestBed.configureTestingModule({ imports: [ProvidersSection], providers: [provideHttpClient(), provideHttpClientTesting()] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ProvidersSection);
    fixture.detectChanges();
    const provider = { id: 'p2', name: 'Spare', kind: 'ollama', baseUrl: null, model: 'auto', hasApiKey: false, temperature: null, timeoutSeconds: null, isDefault: false, createdAt: '' };
    backend.expectOne('/providers?limit=200').flush({ items: [provider], nextCursor: null });
    await tick();
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    el.querySelector<HTMLButtonElement>('[aria-label="Make Spare the default provider"]')!.click();
    const patch = backend.expectOne({ method: 'PATCH', url: '/providers/p2' });
    expect(patch.request.body).toEqual({ isDefault: true });
    patch.flush({ ...provider, isDefault: true });
    await tick();
    backend.expectOne('/providers?limit=200').flush({ items: [{ ...provider, isDefault: true }], nextCursor: null });
    await tick();
    fixture.detectChanges();
    expect(el.querySelector('[data-provider-id=p2]')!.textContent).toContain('default');
    expect(el.querySelector('[aria-label="Make Spare the default provider"]')).toBeNull();
  });
});
