/**
 * The session: a JWT from `POST /login`, kept in sessionStorage so it dies with the tab and a reload
 * keeps the user logged in, plus the refresh token the API gives with it. The interceptor attaches the
 * JWT; when the API answers 401 it asks `refresh()` for a new one once (POST /login/refresh rotates
 * the refresh token), and only when that fails does the session end.
 */
import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import type { TokenResponse } from './api-types';

const TOKEN_KEY = 'ananta.token';
const REFRESH_KEY = 'ananta.refresh';

function stored(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

/** The role claim of a JWT (`admin`, `operator`, `viewer`); null when it cannot be read. Display only: the API decides. */
export function roleOf(token: string | null): string | null {
  try {
    const payload = token?.split('.')[1];
    if (!payload) return null;
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { role?: unknown };
    return typeof json.role === 'string' ? json.role : null;
  } catch {
    return null;
  }
}

/** The calls that manage the session itself: a 401 from them is an answer, not an expired token. */
export const isSessionCall = (url: string): boolean => url === '/login' || url === '/login/refresh' || url === '/logout';

@Injectable({ providedIn: 'root' })
export class Auth {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly current = signal<string | null>(stored(TOKEN_KEY));
  /** One refresh at a time: every call that got a 401 meanwhile waits for the same answer. */
  private refreshing: Promise<string | null> | null = null;

  readonly token = this.current.asReadonly();
  readonly loggedIn = computed(() => this.current() !== null);
  /** Shows admin-only pages in the navigation; the API still refuses others with 403. */
  readonly isAdmin = computed(() => roleOf(this.current()) === 'admin');

  async login(username: string, password: string): Promise<void> {
    this.store(await firstValueFrom(this.http.post<TokenResponse>('/login', { username, password })));
  }

  /** A new access token from the refresh token, or null when there is none or the API refuses it. */
  refresh(): Promise<string | null> {
    const refreshToken = stored(REFRESH_KEY);
    if (!refreshToken || !this.current()) return Promise.resolve(null);
    this.refreshing ??= firstValueFrom(this.http.post<TokenResponse>('/login/refresh', { refreshToken }))
      .then((res) => {
        this.store(res);
        return res.accessToken;
      })
      .catch(() => null)
      .finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  logout(): void {
    const refreshToken = stored(REFRESH_KEY);
    // Revoke the refresh token on the server; leaving does not wait for it.
    if (refreshToken) this.http.post('/logout', { refreshToken }).subscribe({ error: () => undefined });
    this.clear();
    void this.router.navigateByUrl('/login');
  }

  /** The API said 401 and no refresh helped: the session is over. Come back here after logging in again. */
  expired(): void {
    if (!this.current()) return;
    this.clear();
    const returnUrl = this.router.url.startsWith('/login') ? undefined : this.router.url;
    void this.router.navigate(['/login'], { queryParams: { returnUrl, expired: 1 } });
  }

  private store(res: TokenResponse): void {
    sessionStorage.setItem(TOKEN_KEY, res.accessToken);
    if (res.refreshToken) sessionStorage.setItem(REFRESH_KEY, res.refreshToken);
    else sessionStorage.removeItem(REFRESH_KEY);
    this.current.set(res.accessToken);
  }

  private clear(): void {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(REFRESH_KEY);
    this.current.set(null);
  }
}
