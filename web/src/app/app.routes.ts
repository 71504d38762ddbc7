/** Every page is lazy; all but the login page need a token (the guard sends the rest to /login). */
import type { Routes } from '@angular/router';
import { authGuard } from './core/auth-guard';

export const routes: Routes = [
  { path: 'login', title: 'Log in · Ananta', loadComponent: () => import('./pages/login/login').then((m) => m.Login) },
  {
    path: '',
    canActivateChild: [authGuard],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'home' },
      { path: 'home', title: 'Home · Ananta', loadComponent: () => import('./pages/home/home').then((m) => m.Home) },
      { path: 'goals', title: 'Goals · Ananta', loadComponent: () => import('./pages/goal-list/goal-list').then((m) => m.GoalList) },
      // Before goals/:id, so "new" is never read as a goal id.
      { path: 'goals/new', title: 'New goal · Ananta', loadComponent: () => import('./pages/new-goal/new-goal').then((m) => m.NewGoal) },
      { path: 'goals/:id', title: 'Goal · Ananta', loadComponent: () => import('./pages/goal-page/goal-page').then((m) => m.GoalPage) },
      { path: 'approvals', title: 'Approvals · Ananta', loadComponent: () => import('./pages/approvals/approvals').then((m) => m.Approvals) },
      { path: 'tasks', title: 'Tasks · Ananta', loadComponent: () => import('./pages/tasks-board/tasks-board').then((m) => m.TasksBoard) },
      { path: 'autopilot', title: 'Autopilot · Ananta', loadComponent: () => import('./pages/autopilot/autopilot').then((m) => m.Autopilot) },
      { path: 'audit', title: 'Audit log · Ananta', loadComponent: () => import('./pages/audit/audit-log').then((m) => m.AuditLog) },
      { path: 'settings', title: 'Settings · Ananta', loadComponent: () => import('./pages/settings/settings').then((m) => m.Settings) },
      { path: 'triggers', title: 'Triggers · Ananta', loadComponent: () => import('./pages/triggers/triggers').then((m) => m.Triggers) },
      { path: 'workers', title: 'Workers · Ananta', loadComponent: () => import('./pages/workers/workers').then((m) => m.Workers) },
      { path: 'teams', title: 'Teams · Ananta', loadComponent: () => import('./pages/teams/teams').then((m) => m.Teams) },
      { path: 'templates', title: 'Templates · Ananta', loadComponent: () => import('./pages/templates/templates').then((m) => m.Templates) },
    ],
  },
  { path: '**', redirectTo: 'home' },
];
