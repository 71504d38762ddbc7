/** The typed client of the autopilot (`/tasks/autopilot/*`): one per team, plus the global one. */
import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { AutopilotStatus, SecurityLevel } from './admin-types';

const scope = (teamId: string | null): Record<string, string> => (teamId ? { teamId } : {});

@Injectable({ providedIn: 'root' })
export class AutopilotApi {
  private readonly http = inject(HttpClient);

  status(teamId: string | null): Promise<AutopilotStatus> {
    return firstValueFrom(this.http.get<AutopilotStatus>('/tasks/autopilot/status', { params: scope(teamId) }));
  }

  /** Starts it, or updates the settings of the running one (`alreadyRunning: true`). */
  start(teamId: string | null, settings: { maxConcurrency: number; securityLevel: SecurityLevel; circuitOpenSeconds?: number }): Promise<AutopilotStatus> {
    return firstValueFrom(this.http.post<AutopilotStatus>('/tasks/autopilot/start', { ...scope(teamId), ...settings }));
  }

  stop(teamId: string | null): Promise<AutopilotStatus> {
    return firstValueFrom(this.http.post<AutopilotStatus>('/tasks/autopilot/stop', scope(teamId)));
  }

  /** Closes open circuits (one worker's, or all) so dispatch resumes at once. */
  resetCircuits(teamId: string | null, worker?: string): Promise<AutopilotStatus> {
    return firstValueFrom(this.http.post<AutopilotStatus>('/tasks/autopilot/circuits/reset', { ...scope(teamId), ...(worker ? { worker } : {}) }));
  }

  /** Runs a pass now instead of at the next tick. */
  tick(teamId: string | null): Promise<AutopilotStatus> {
    return firstValueFrom(this.http.post<AutopilotStatus>('/tasks/autopilot/tick', scope(teamId)));
  }
}
