/**
 * The session: a JWT from `POST /login`, kept in sessionStorage so it dies with the tab and a reload
 * keeps the user logged in. The interceptor attaches it; a 401 anywhere ends the session.
 */
import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import type { TokenResponse } from './api-types';

const TOKEN_KEY = 'ananta.token';

function storedToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

@Injectable({ providedIn: 'root' })
export class Auth {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly current = signal<string | null>(storedToken());

  readonly token = this.current.asReadonly();
  readonly loggedIn = computed(() => this.current() !== null);

  async login(username: string, password: string): Promise<void> {
    const res = await firstValueFrom(this.http.post<TokenResponse>('/login', { username, password }));
    sessionStorage.setItem(TOKEN_KEY, res.accessToken);
    this.current.set(res.accessToken);
  }

  logout(): void {
    this.clear();
    void this.router.navigateByUrl('/login');
  }

  /** The API said 401: the token expired or was revoked. Come back here after logging in again. */
  expired(): void {
    if (!this.current()) return;
    this.clear();
    const returnUrl = this.router.url.startsWith('/login') ? undefined : this.router.url;
    void this.router.navigate(['/login'], { queryParams: { returnUrl, expired: 1 } });
  }

  private clear(): void {
    sessionStorage.removeItem(TOKEN_KEY);
    this.current.set(null);
  }
}
