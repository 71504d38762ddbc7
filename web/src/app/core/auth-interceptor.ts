/**
 * Adds `Authorization: Bearer <token>` to API calls. On a 401 it refreshes the token once and retries
 * the call with the new one; if there is no refresh token or the refresh is refused, the session ends.
 */
import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { Auth, isSessionCall } from './auth';

export const authInterceptor: HttpInterceptorFn = (req, next) => {
  const auth = inject(Auth);
  if (isSessionCall(req.url)) return next(req);
  const withToken = (token: string | null) => (token ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req);
  return next(withToken(auth.token())).pipe(
    catchError((err: unknown) => {
      if (!(err instanceof HttpErrorResponse && err.status === 401) || !auth.token()) return throwError(() => err);
      return from(auth.refresh()).pipe(
        switchMap((token) => {
          if (!token) {
            auth.expired();
            return throwError(() => err);
          }
          // The retry's own 401 is final: it goes to the caller without another refresh.
          return next(withToken(token)).pipe(
            catchError((again: unknown) => {
              if (again instanceof HttpErrorResponse && again.status === 401) auth.expired();
              return throwError(() => again);
            }),
          );
        }),
      );
    }),
  );
};
