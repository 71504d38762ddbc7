/** Every page is lazy; all but the login page need a token (the guard sends the rest to /login). */
import type { Routes } from '@angular/router';
import { authGuard } from './core/auth-guard';

export const routes: Routes = [
  { path: 'login', title: 'Log in · Ananta', loadComponent: () => import('./pages/login/login').then((m) => m.Login) },
  {
    path: '',
    canActivateChild: [authGuard],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'goals' },
      { path: 'goals', title: 'Goals · Ananta', loadComponent: () => import('./pages/goal-list/goal-list').then((m) => m.GoalList) },
      // Before goals/:id, so "new" is never read as a goal id.
      { path: 'goals/new', title: 'New goal · Ananta', loadComponent: () => import('./pages/new-goal/new-goal').then((m) => m.NewGoal) },
      { path: 'goals/:id', title: 'Goal · Ananta', loadComponent: () => import('./pages/goal-page/goal-page').then((m) => m.GoalPage) },
      { path: 'approvals', title: 'Approvals · Ananta', loadComponent: () => import('./pages/approvals/approvals').then((m) => m.Approvals) },
    ],
  },
  { path: '**', redirectTo: 'goals' },
];
