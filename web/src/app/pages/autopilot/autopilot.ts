/**
 * Autopilot control: for the global autopilot or a team's, its status (live query), what it runs now
 * and what it finished, and start (or change settings) / stop / run a pass now. Its progress shows up
 * as task changes, so the status is read again when the live feed reports one; no timer.
 */
import { DatePipe } from '@angular/common';
import { Component, inject, type OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { Api } from '../../core/api';
import type { Team } from '../../core/api-types';
import { AutopilotApi } from '../../core/autopilot-api';
import { SECURITY_LEVELS, type AutopilotStatus, type SecurityLevel } from '../../core/admin-types';
import { liveReload } from '../../core/live-events';
import { toProblem, type ProblemView } from '../../core/problem';
import { LiveStatus } from '../../shared/live-status';
import { ProblemAlert } from '../../shared/problem-alert';
import { StatusBadge } from '../../shared/status-badge';

export const SECURITY_HELP: Record<SecurityLevel, string> = {
  safe: 'every command waits for a person’s approval',
  balanced: 'high-risk commands wait for approval',
  aggressive: 'no approvals (commands still run sandboxed)',
};

@Component({
  selector: 'app-autopilot',
  imports: [DatePipe, FormsModule, RouterLink, LiveStatus, ProblemAlert, StatusBadge],
  templateUrl: './autopilot.html',
})
export class Autopilot implements OnInit {
  private readonly api = inject(Api);
  private readonly autopilot = inject(AutopilotApi);

  protected readonly levels = SECURITY_LEVELS;
  protected readonly help = SECURITY_HELP;
  protected readonly teams = signal<Team[]>([]);
  /** '' is the global autopilot. */
  protected readonly teamId = signal('');
  protected readonly status = signal<AutopilotStatus | null>(null);
  protected readonly problem = signal<ProblemView | null>(null);
  protected readonly actionProblem = signal<ProblemView | null>(null);
  protected readonly notice = signal('');
  protected readonly busy = signal(false);
  protected readonly maxConcurrency = signal(2);
  protected readonly securityLevel = signal<SecurityLevel>('balanced');
  /** Empty: the API's default. */
  protected readonly circuitOpenSeconds = signal<string>('');

  constructor() {
    liveReload(() => this.load(), { kinds: ['task'], quietMs: 500 });
  }

  ngOnInit(): void {
    void this.load();
    this.api.listTeams().then(
      (page) => this.teams.set(page.items),
      () => undefined, // the global autopilot works without the team list
    );
  }

  protected selectTeam(value: string): void {
    this.teamId.set(value);
    this.status.set(null);
    this.notice.set('');
    void this.load();
  }

  protected start(): Promise<void> {
    return this.run(async (team) => {
      const circuit = String(this.circuitOpenSeconds() ?? '').trim();
      const s = await this.autopilot.start(team, {
        maxConcurrency: Number(this.maxConcurrency()),
        securityLevel: this.securityLevel(),
        ...(circuit ? { circuitOpenSeconds: Number(circuit) } : {}),
      });
      this.notice.set(s.alreadyRunning ? 'Settings updated; the autopilot was already running.' : 'Autopilot started.');
      return s;
    });
  }

  protected stop(): Promise<void> {
    return this.run(async (team) => {
      const s = await this.autopilot.stop(team);
      this.notice.set('Stop requested: tasks in flight finish, no new ones start.');
      return s;
    });
  }

  protected tick(): Promise<void> {
    return this.run(async (team) => {
      const s = await this.autopilot.tick(team);
      this.notice.set('A pass ran now.');
      return s;
    });
  }

  protected hasOpenCircuit(s: AutopilotStatus): boolean {
    return (s.circuits ?? []).some((c) => c.open);
  }

  protected resetCircuits(worker?: string): Promise<void> {
    return this.run(async (team) => {
      const s = await this.autopilot.resetCircuits(team, worker);
      this.notice.set(worker ? `Circuit of ${worker} reset.` : 'All circuits reset.');
      return s;
    });
  }

  private async run(action: (teamId: string | null) => Promise<AutopilotStatus>): Promise<void> {
    this.busy.set(true);
    this.actionProblem.set(null);
    this.notice.set('');
    try {
      this.status.set(await action(this.teamId() || null));
    } catch (err) {
      this.actionProblem.set(toProblem(err));
    } finally {
      this.busy.set(false);
      void this.load();
    }
  }

  private async load(): Promise<void> {
    const team = this.teamId();
    try {
      const s = await this.autopilot.status(team || null);
      if (team !== this.teamId()) return; // another autopilot was picked meanwhile
      this.status.set(s);
      if (s.maxConcurrency) this.maxConcurrency.set(s.maxConcurrency);
      if (s.securityLevel) this.securityLevel.set(s.securityLevel);
      if (s.circuitOpenSeconds) this.circuitOpenSeconds.set(String(s.circuitOpenSeconds));
      this.problem.set(null);
    } catch (err) {
      this.problem.set(toProblem(err));
    }
  }
}
