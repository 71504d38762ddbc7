/** The typed client of the public API: one method per call the dashboard makes. */
import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { Goal, GoalCreated, GoalStatus, GoalSummary, NewGoal, Page, Task, TaskSummary } from './api-types';

export type GoalAction = 'pause' | 'resume' | 'cancel';

@Injectable({ providedIn: 'root' })
export class Api {
  private readonly http = inject(HttpClient);

  listGoals(filter: { status?: GoalStatus | ''; limit?: number } = {}): Promise<Page<GoalSummary>> {
    let params = new HttpParams().set('limit', filter.limit ?? 50);
    if (filter.status) params = params.set('status', filter.status);
    return firstValueFrom(this.http.get<Page<GoalSummary>>('/goals', { params }));
  }

  getGoal(id: string): Promise<Goal> {
    return firstValueFrom(this.http.get<Goal>(`/goals/${encodeURIComponent(id)}`));
  }

  createGoal(body: NewGoal): Promise<GoalCreated> {
    return firstValueFrom(this.http.post<GoalCreated>('/goals', body));
  }

  goalAction(id: string, action: GoalAction): Promise<Goal> {
    return firstValueFrom(this.http.post<Goal>(`/goals/${encodeURIComponent(id)}/${action}`, {}));
  }

  listTasks(filter: { status?: string; goalId?: string; limit?: number }): Promise<Page<TaskSummary>> {
    let params = new HttpParams().set('limit', filter.limit ?? 100);
    if (filter.status) params = params.set('status', filter.status);
    if (filter.goalId) params = params.set('goalId', filter.goalId);
    return firstValueFrom(this.http.get<Page<TaskSummary>>('/tasks', { params }));
  }

  getTask(id: string): Promise<Task> {
    return firstValueFrom(this.http.get<Task>(`/tasks/${encodeURIComponent(id)}`));
  }

  decide(taskId: string, decision: 'approve' | 'reject', comment?: string): Promise<unknown> {
    const body = comment ? { decision, comment } : { decision };
    return firstValueFrom(this.http.post(`/tasks/${encodeURIComponent(taskId)}/approve`, body));
  }
}
