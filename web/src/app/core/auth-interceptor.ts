/** Adds `Authorization: Bearer <token>` to API calls and ends the session on a 401 (except at login). */
import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { tap } from 'rxjs';
import { Auth } from './auth';

export const authInterceptor: HttpInterceptorFn = (req, next) => {
  const auth = inject(Auth);
  const token = auth.token();
  const isLogin = req.url === '/login';
  const authed = token && !isLogin ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req;
  return next(authed).pipe(
    tap({
      error: (err: unknown) => {
        if (!isLogin && err instanceof HttpErrorResponse && err.status === 401) auth.expired();
      },
    }),
  );
};
