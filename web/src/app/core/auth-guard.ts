/** Pages other than login need a session; without one, go to login and come back afterwards. */
import { inject } from '@angular/core';
import { type CanActivateChildFn, Router } from '@angular/router';
import { Auth } from './auth';

export const authGuard: CanActivateChildFn = (_route, state) => {
  if (inject(Auth).loggedIn()) return true;
  return inject(Router).createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
};
