import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Auth } from './auth';
import { authInterceptor } from './auth-interceptor';

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let auth: Auth;

  beforeEach(() => {
    sessionStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideRouter([{ path: 'login', children: [] }, { path: 'goals', children: [] }]), provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(Auth);
  });
  afterEach(() => backend.verify());

  async function logIn(): Promise<void> {
    const done = auth.login('admin', 'pw');
    backend.expectOne('/login').flush({ accessToken: 'jwt-1', tokenType: 'Bearer', expiresIn: 60 });
    await done;
  }

  it('sends no token to /login and stores the one it returns in the session', async () => {
    const done = auth.login('admin', 'pw');
    const req = backend.expectOne('/login');
    expect(req.request.headers.has('Authorization')).toBe(false);
    req.flush({ accessToken: 'jwt-1', tokenType: 'Bearer', expiresIn: 60 });
    await done;
    expect(auth.loggedIn()).toBe(true);
    expect(sessionStorage.getItem('ananta.token')).toBe('jwt-1');
  });

  it('adds the bearer token to API calls', async () => {
    await logIn();
    const call = firstValueFrom(http.get('/goals'));
    const req = backend.expectOne('/goals');
    expect(req.request.headers.get('Authorization')).toBe('Bearer jwt-1');
    req.flush({ items: [], nextCursor: null });
    await call;
  });

  it('ends the session on a 401 and sends the user to login, remembering where they were', async () => {
    await logIn();
    const router = TestBed.inject(Router);
    await router.navigateByUrl('/goals');
    const call = firstValueFrom(http.get('/goals')).catch((e: unknown) => e);
    backend.expectOne('/goals').flush({ title: 'Unauthorized', detail: 'token expired', code: 'invalid_token' }, { status: 401, statusText: 'Unauthorized' });
    await call;
    await new Promise((r) => setTimeout(r));
    expect(auth.loggedIn()).toBe(false);
    expect(sessionStorage.getItem('ananta.token')).toBeNull();
    expect(router.url).toBe('/login?returnUrl=%2Fgoals&expired=1');
  });
  it('on a 401 refreshes the token once, stores the rotated refresh token and retries the call', async () => {
    const done = auth.login('admin', 'pw');
    backend.expectOne('/login').flush({ accessToken: 'jwt-1', tokenType: 'Bearer', expiresIn: 60, refreshToken: 'rt-1' });
    await done;
    const call = firstValueFrom(http.get<{ items: unknown[] }>('/goals'));
    backend.expectOne('/goals').flush({ title: 'Unauthorized', code: 'invalid_token' }, { status: 401, statusText: 'Unauthorized' });
    await new Promise((r) => setTimeout(r));
    const refresh = backend.expectOne('/login/refresh');
    expect(refresh.request.body).toEqual({ refreshToken: 'rt-1' });
    expect(refresh.request.headers.has('Authorization')).toBe(false);
    refresh.flush({ accessToken: 'jwt-2', tokenType: 'Bearer', expiresIn: 60, refreshToken: 'rt-2' });
    await new Promise((r) => setTimeout(r));
    const retry = backend.expectOne('/goals');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer jwt-2');
    retry.flush({ items: [], nextCursor: null });
    expect(await call).toEqual({ items: [], nextCursor: null });
    expect(auth.token()).toBe('jwt-2');
    expect(sessionStorage.getItem('ananta.refresh')).toBe('rt-2');
  });

  it('ends the session when the refresh is refused', async () => {
    const done = auth.login('admin', 'pw');
    backend.expectOne('/login').flush({ accessToken: 'jwt-1', tokenType: 'Bearer', expiresIn: 60, refreshToken: 'rt-1' });
    await done;
    const call = firstValueFrom(http.get('/goals')).catch((e: unknown) => e);
    backend.expectOne('/goals').flush({ title: 'Unauthorized' }, { status: 401, statusText: 'Unauthorized' });
    await new Promise((r) => setTimeout(r));
    backend.expectOne('/login/refresh').flush({ title: 'Unauthorized', code: 'invalid_refresh_token' }, { status: 401, statusText: 'Unauthorized' });
    expect(((await call) as { status: number }).status).toBe(401);
    expect(auth.loggedIn()).toBe(false);
    expect(sessionStorage.getItem('ananta.refresh')).toBeNull();
  });

  it('logging out revokes the refresh token', async () => {
    const done = auth.login('admin', 'pw');
    backend.expectOne('/login').flush({ accessToken: 'jwt-1', tokenType: 'Bearer', expiresIn: 60, refreshToken: 'rt-1' });
    await done;
    auth.logout();
    const req = backend.expectOne('/logout');
    expect(req.request.body).toEqual({ refreshToken: 'rt-1' });
    req.flush(null, { status: 204, statusText: 'No Content' });
    expect(auth.loggedIn()).toBe(false);
  });
});
