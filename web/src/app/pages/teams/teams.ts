/** Teams, the team types they follow (Scrum and Kanban built in) and the roles a type allows. */
import { Component, computed, inject, type OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Api } from '../../core/api';
import type { Team, TeamRole, TeamType } from '../../core/api-types';
import { toProblem, type ProblemView } from '../../core/problem';
import { ProblemAlert } from '../../shared/problem-alert';

const orNull = (v: string): string | null => v.trim() || null;

@Component({
  selector: 'app-teams',
  imports: [FormsModule, ProblemAlert],
  templateUrl: './teams.html',
})
export class Teams implements OnInit {
  private readonly api = inject(Api);

  protected readonly teams = signal<Team[] | null>(null);
  protected readonly types = signal<TeamType[]>([]);
  protected readonly roles = signal<TeamRole[]>([]);
  protected readonly problem = signal<ProblemView | null>(null);
  protected readonly formProblem = signal<ProblemView | null>(null);
  protected readonly busy = signal(false);
  protected readonly typeName = computed(() => new Map(this.types().map((t) => [t.id, t.name])));
  protected readonly roleName = computed(() => new Map(this.roles().map((r) => [r.id, r.name])));

  // The three small forms on this page.
  protected readonly team = { name: signal(''), description: signal(''), typeId: signal('') };
  protected readonly type = { name: signal(''), description: signal(''), roleIds: signal<string[]>([]) };
  protected readonly role = { name: signal(''), description: signal('') };

  ngOnInit(): void {
    void this.load();
  }

  protected toggleRole(id: string, on: boolean): void {
    this.type.roleIds.update((ids) => (on ? [...ids, id] : ids.filter((x) => x !== id)));
  }

  protected createTeam(): Promise<void> {
    return this.run(async () => {
      await this.api.createTeam({ name: this.team.name().trim(), description: orNull(this.team.description()), typeId: orNull(this.team.typeId()) });
      this.team.name.set('');
      this.team.description.set('');
    });
  }

  protected createType(): Promise<void> {
    return this.run(async () => {
      await this.api.createTeamType({ name: this.type.name().trim(), description: orNull(this.type.description()), roleIds: this.type.roleIds() });
      this.type.name.set('');
      this.type.description.set('');
      this.type.roleIds.set([]);
    });
  }

  protected createRole(): Promise<void> {
    return this.run(async () => {
      await this.api.createTeamRole({ name: this.role.name().trim(), description: orNull(this.role.description()) });
      this.role.name.set('');
      this.role.description.set('');
    });
  }

  protected activate(team: Team): Promise<void> {
    return this.run(() => this.api.activateTeam(team.id));
  }

  protected remove(team: Team): Promise<void> {
    if (!confirm(`Delete the team “${team.name}”?`)) return Promise.resolve();
    return this.run(() => this.api.deleteTeam(team.id));
  }

  private async run(action: () => Promise<unknown>): Promise<void> {
    this.busy.set(true);
    this.formProblem.set(null);
    try {
      await action();
      await this.load();
    } catch (err) {
      this.formProblem.set(toProblem(err));
    } finally {
      this.busy.set(false);
    }
  }

  private async load(): Promise<void> {
    try {
      const [teams, types, roles] = await Promise.all([this.api.listTeams(), this.api.listTeamTypes(), this.api.listTeamRoles()]);
      this.teams.set(teams.items);
      this.types.set(types.items);
      this.roles.set(roles.items);
      this.problem.set(null);
    } catch (err) {
      this.problem.set(toProblem(err));
    }
  }
}
