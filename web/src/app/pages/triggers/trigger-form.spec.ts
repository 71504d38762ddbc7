import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Trigger } from '../../core/api-types';
import { TriggerForm } from './trigger-form';
import { formFrom, toTriggerInput, webhookUrl } from './trigger-form-model';

const existing: Trigger = {
  id: 'tr-1', source: 'generic', name: 'CI', enabled: true, hasSecret: true, ipAllowlist: ['10.0.0.0/8'], rateLimit: { maxRequests: 60, windowSeconds: 60 },
  teamId: null, templateId: null, autopilot: true, isDefault: false, webhookPath: '/triggers/webhook/generic/tr-1', createdAt: '', updatedAt: '',
};

describe('trigger form model', () => {
  it('creates with the source, the secret and the allowlist split per line or comma', () => {
    const f = { ...formFrom(null), name: ' Build hook ', secret: 's3cret-value', ipAllowlist: '10.0.0.0/8\n192.168.1.1, ::1', maxRequests: '5', windowSeconds: '60' };
    expect(toTriggerInput(f, null)).toEqual({
      source: 'generic', name: 'Build hook', enabled: true, secret: 's3cret-value', ipAllowlist: ['10.0.0.0/8', '192.168.1.1', '::1'],
      rateLimit: { maxRequests: 5, windowSeconds: 60 }, teamId: null, templateId: null, autopilot: true, isDefault: false,
    });
  });

  it('never fills the secret back in; a blank one leaves it unchanged and "remove" clears it', () => {
    const f = formFrom(existing);
    expect(f.secret).toBe('');
    expect(toTriggerInput(f, existing)).not.toHaveProperty('secret');
    expect(toTriggerInput(f, existing)).not.toHaveProperty('source');
    expect(toTriggerInput({ ...f, removeSecret: true }, existing).secret).toBeNull();
    expect(toTriggerInput({ ...f, secret: 'rotated-secret' }, existing).secret).toBe('rotated-secret');
  });

  it('builds the URL to copy from the API’s webhook path', () => {
    expect(webhookUrl(existing, 'https://ananta.example')).toBe('https://ananta.example/triggers/webhook/generic/tr-1');
  });
});

describe('TriggerForm', () => {
  let backend: HttpTestingController;
  beforeEach(() => {
    TestBed.configureTestingModule({ imports: [TriggerForm], providers: [provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
  });
  afterEach(() => backend.verify());

  it('says a secret is set without showing it, and shows the API’s validation problem', async () => {
    const fixture = TestBed.createComponent(TriggerForm);
    fixture.componentRef.setInput('trigger', existing);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const secret = el.querySelector<HTMLInputElement>('#trigger-secret')!;
    expect(secret.type).toBe('password');
    expect(secret.value).toBe('');
    expect(secret.placeholder).toContain('A secret is set');
    expect(el.textContent).toContain('A secret is set.');

    el.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    const req = backend.expectOne({ method: 'PATCH', url: '/triggers/tr-1' });
    expect(req.request.body).not.toHaveProperty('secret');
    req.flush(
      { title: 'Validation failed', status: 422, detail: 'The request is invalid', code: 'validation_failed', errors: [{ path: 'body.ipAllowlist.0', message: 'Not a CIDR range' }] },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')!.textContent).toContain('Not a CIDR range');
  });
});
