/** The typed client of the public API: one method per call the dashboard makes. */
import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type {
  Goal, GoalCreated, GoalStatus, GoalSummary, NewGoal, NewTask, Page, Task, TaskAction, TaskActionResult, TaskRow, Team, TeamRole,
  TeamType, Template, TemplateInput, TemplateSaved, Trigger, TriggerInput, TriggerSource, TriggerTestResult, UsageRow, WebhookDelivery, Worker,
} from './api-types';

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

  listTasks(filter: { status?: string; goalId?: string; teamId?: string; limit?: number }): Promise<Page<TaskRow>> {
    let params = new HttpParams().set('limit', filter.limit ?? 100);
    if (filter.status) params = params.set('status', filter.status);
    if (filter.goalId) params = params.set('goalId', filter.goalId);
    if (filter.teamId) params = params.set('teamId', filter.teamId);
    return firstValueFrom(this.http.get<Page<TaskRow>>('/tasks', { params }));
  }

  /** A manual `todo` task; unknown dependencies are 400 `missing_dependencies`, a cycle 400 `dependency_cycle_detected`. */
  createTask(body: NewTask): Promise<TaskRow> {
    return firstValueFrom(this.http.post<TaskRow>('/tasks', body));
  }

  /** A task's state-machine move; a move the machine forbids is a 409 `invalid_transition` problem. */
  taskAction(id: string, action: TaskAction): Promise<TaskActionResult> {
    return firstValueFrom(this.http.post<TaskActionResult>(`/tasks/${encodeURIComponent(id)}/${action}`, {}));
  }

  getTask(id: string): Promise<Task> {
    return firstValueFrom(this.http.get<Task>(`/tasks/${encodeURIComponent(id)}`));
  }

  decide(taskId: string, decision: 'approve' | 'reject', comment?: string): Promise<unknown> {
    const body = comment ? { decision, comment } : { decision };
    return firstValueFrom(this.http.post(`/tasks/${encodeURIComponent(taskId)}/approve`, body));
  }

  usage(groupBy: 'goal' | 'team' | 'model' | 'day', since?: string): Promise<{ items: UsageRow[] }> {
    let params = new HttpParams().set('groupBy', groupBy);
    if (since) params = params.set('since', since);
    return firstValueFrom(this.http.get<{ items: UsageRow[] }>('/usage', { params }));
  }

  listWorkers(): Promise<Page<Worker>> {
    return firstValueFrom(this.http.get<Page<Worker>>('/agents', { params: { limit: 200 } }));
  }

  listTriggers(): Promise<Page<Trigger>> {
    return firstValueFrom(this.http.get<Page<Trigger>>('/triggers', { params: { limit: 200 } }));
  }

  createTrigger(body: TriggerInput): Promise<Trigger> {
    return firstValueFrom(this.http.post<Trigger>('/triggers', body));
  }

  updateTrigger(id: string, body: TriggerInput): Promise<Trigger> {
    return firstValueFrom(this.http.patch<Trigger>(`/triggers/${encodeURIComponent(id)}`, body));
  }

  deleteTrigger(id: string): Promise<unknown> {
    return firstValueFrom(this.http.delete(`/triggers/${encodeURIComponent(id)}`));
  }

  testTrigger(source: TriggerSource, payload: unknown, headers?: Record<string, string>): Promise<TriggerTestResult> {
    return firstValueFrom(this.http.post<TriggerTestResult>('/triggers/test', headers ? { source, payload, headers } : { source, payload }));
  }

  listDeliveries(triggerId: string): Promise<Page<WebhookDelivery>> {
    return firstValueFrom(this.http.get<Page<WebhookDelivery>>(`/triggers/${encodeURIComponent(triggerId)}/deliveries`, { params: { limit: 20 } }));
  }

  listTeams(): Promise<Page<Team>> {
    return firstValueFrom(this.http.get<Page<Team>>('/teams', { params: { limit: 200 } }));
  }

  createTeam(body: { name: string; description?: string | null; typeId?: string | null }): Promise<Team> {
    return firstValueFrom(this.http.post<Team>('/teams', body));
  }

  activateTeam(id: string): Promise<unknown> {
    return firstValueFrom(this.http.post(`/teams/${encodeURIComponent(id)}/activate`, {}));
  }

  deleteTeam(id: string): Promise<unknown> {
    return firstValueFrom(this.http.delete(`/teams/${encodeURIComponent(id)}`));
  }

  listTeamTypes(): Promise<{ items: TeamType[] }> {
    return firstValueFrom(this.http.get<{ items: TeamType[] }>('/teams/types'));
  }

  createTeamType(body: { name: string; description?: string | null; roleIds?: string[] }): Promise<TeamType> {
    return firstValueFrom(this.http.post<TeamType>('/teams/types', body));
  }

  listTeamRoles(): Promise<{ items: TeamRole[] }> {
    return firstValueFrom(this.http.get<{ items: TeamRole[] }>('/teams/roles'));
  }

  createTeamRole(body: { name: string; description?: string | null }): Promise<TeamRole> {
    return firstValueFrom(this.http.post<TeamRole>('/teams/roles', body));
  }

  listTemplates(): Promise<Page<Template>> {
    return firstValueFrom(this.http.get<Page<Template>>('/templates', { params: { limit: 200 } }));
  }

  /** Saves a template; unknown `{{variables}}` are not an error but come back as `warnings`. */
  saveTemplate(id: string | null, body: TemplateInput): Promise<TemplateSaved> {
    return id
      ? firstValueFrom(this.http.put<TemplateSaved>(`/templates/${encodeURIComponent(id)}`, body))
      : firstValueFrom(this.http.post<TemplateSaved>('/templates', body));
  }

  deleteTemplate(id: string): Promise<unknown> {
    return firstValueFrom(this.http.delete(`/templates/${encodeURIComponent(id)}`));
  }
}
