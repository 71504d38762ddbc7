/** Users: who may log in, with which role and (for operators) which teams. */
import { DatePipe } from '@angular/common';
import { Component, inject, type OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { AdminApi } from '../../core/admin-api';
import { ROLES, type Role, type User } from '../../core/admin-types';
import { Api } from '../../core/api';
import type { Team } from '../../core/api-types';
import { toProblem, type ProblemView } from '../../core/problem';
import { ProblemAlert } from '../../shared/problem-alert';

@Component({
  selector: 'app-users-section',
  imports: [DatePipe, FormsModule, ProblemAlert],
  templateUrl: './users-section.html',
})
export class UsersSection implements OnInit {
  private readonly admin = inject(AdminApi);
  private readonly api = inject(Api);

  protected readonly roles = ROLES;
  protected readonly users = signal<User[] | null>(null);
  protected readonly teams = signal<Team[]>([]);
  protected readonly problem = signal<ProblemView | null>(null);
  protected readonly formProblem = signal<ProblemView | null>(null);
  protected readonly busy = signal(false);
  protected readonly username = signal('');
  protected readonly password = signal('');
  protected readonly role = signal<Role>('viewer');
  protected readonly teamId = signal('');

  ngOnInit(): void {
    void this.load();
    this.api.listTeams().then((p) => this.teams.set(p.items), () => undefined);
  }

  protected teamNames(ids: string[]): string {
    const names = new Map(this.teams().map((t) => [t.id, t.name]));
    return ids.map((id) => names.get(id) ?? id).join(', ') || '—';
  }

  protected async create(): Promise<void> {
    await this.act(async () => {
      await this.admin.createUser({ username: this.username(), password: this.password(), role: this.role(), teamIds: this.teamId() ? [this.teamId()] : [] });
      this.username.set('');
      this.password.set('');
    });
  }

  protected async remove(user: User): Promise<void> {
    if (!confirm(`Delete the user ${user.username}?`)) return;
    await this.act(() => this.admin.deleteUser(user.id));
  }

  private async act(work: () => Promise<unknown>): Promise<void> {
    this.busy.set(true);
    this.formProblem.set(null);
    try {
      await work();
    } catch (err) {
      this.formProblem.set(toProblem(err));
    } finally {
      this.busy.set(false);
      void this.load();
    }
  }

  private async load(): Promise<void> {
    try {
      this.users.set((await this.admin.listUsers()).items);
      this.problem.set(null);
    } catch (err) {
      this.problem.set(toProblem(err));
    }
  }
}
