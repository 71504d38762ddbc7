import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from './app';
import { LiveEvents } from './core/live-events';

@Component({ template: '<h1>page</h1>' })
class Page {}

/** A JWT-shaped token whose payload carries `role` (the app only reads it for display). */
const tokenFor = (role: string) => `x.${btoa(JSON.stringify({ sub: 'u1', role })).replace(/=+$/, '')}.y`;

describe('App shell', () => {
  afterEach(() => sessionStorage.clear());

  function setUp(role: string) {
    sessionStorage.setItem('ananta.token', tokenFor(role));
    TestBed.configureTestingModule({
      imports: [App],
      providers: [provideRouter([{ path: 'home', component: Page }, { path: 'goals', component: Page }]), provideHttpClient(), provideHttpClientTesting()],
    });
    // No live feed in a unit test: the stream never opens.
    TestBed.inject(LiveEvents).fetchFn = (() => new Promise<Response>(() => undefined)) as typeof fetch;
    const fixture = TestBed.createComponent(App);
    fixture.detectChanges();
    TestBed.inject(HttpTestingController).match(() => true);
    return fixture;
  }

  it('shows the audit log to admins only', () => {
    const admin = setUp('admin');
    expect((admin.nativeElement as HTMLElement).querySelector('a[href="/audit"]')).not.toBeNull();
    admin.destroy();
    TestBed.resetTestingModule();
    const viewer = setUp('viewer');
    expect((viewer.nativeElement as HTMLElement).querySelector('a[href="/audit"]')).toBeNull();
  });

  it('the Menu button opens the navigation, says so, and a navigation closes it again', async () => {
    const fixture = setUp('operator');
    const el = fixture.nativeElement as HTMLElement;
    const menu = el.querySelector<HTMLButtonElement>('.menu-button')!;
    expect(menu.getAttribute('aria-expanded')).toBe('false');
    expect(menu.getAttribute('aria-controls')).toBe('main-nav');
    menu.click();
    fixture.detectChanges();
    expect(menu.getAttribute('aria-expanded')).toBe('true');
    expect(el.querySelector('#main-nav')!.classList.contains('open')).toBe(true);
    await TestBed.inject(Router).navigateByUrl('/goals');
    fixture.detectChanges();
    expect(el.querySelector('#main-nav')!.classList.contains('open')).toBe(false);
  });

  it('the skip link moves the focus to the content instead of navigating', () => {
    const fixture = setUp('viewer');
    const el = fixture.nativeElement as HTMLElement;
    document.body.appendChild(el);
    const event = new MouseEvent('click', { cancelable: true });
    el.querySelector('.skip-link')!.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(document.activeElement?.id).toBe('main');
    el.remove();
  });
});
