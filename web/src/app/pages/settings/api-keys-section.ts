/**
 * API keys: create one (its secret is shown once, right here, never again), see when each was last
 * used, revoke it. The list never carries the secret; the API keeps only its hash.
 */
import { DatePipe } from '@angular/common';
import { Component, inject, type OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { AdminApi } from '../../core/admin-api';
import { ROLES, type ApiKey, type CreatedApiKey, type Role } from '../../core/admin-types';
import { toProblem, type ProblemView } from '../../core/problem';
import { ProblemAlert } from '../../shared/problem-alert';

@Component({
  selector: 'app-api-keys-section',
  imports: [DatePipe, FormsModule, ProblemAlert],
  templateUrl: './api-keys-section.html',
})
export class ApiKeysSection implements OnInit {
  private readonly admin = inject(AdminApi);

  protected readonly roles = ROLES;
  protected readonly keys = signal<ApiKey[] | null>(null);
  protected readonly problem = signal<ProblemView | null>(null);
  protected readonly formProblem = signal<ProblemView | null>(null);
  protected readonly busy = signal(false);
  protected readonly name = signal('');
  protected readonly role = signal<Role>('viewer');
  /** The key just created: its secret is on screen until the next action. */
  protected readonly created = signal<CreatedApiKey | null>(null);
  protected readonly copied = signal(false);

  ngOnInit(): void {
    void this.load();
  }

  protected async create(): Promise<void> {
    await this.act(async () => {
      this.created.set(await this.admin.createApiKey({ name: this.name(), role: this.role(), teamIds: [] }));
      this.name.set('');
    });
  }

  protected async revoke(key: ApiKey): Promise<void> {
    if (!confirm(`Revoke the key ${key.name}? Anything using it stops working.`)) return;
    this.created.set(null);
    await this.act(() => this.admin.revokeApiKey(key.id));
  }

  protected async copy(secret: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(secret);
      this.copied.set(true);
    } catch {
      this.copied.set(false); // no clipboard (http, permissions): the field can still be selected
    }
  }

  private async act(work: () => Promise<unknown>): Promise<void> {
    this.busy.set(true);
    this.formProblem.set(null);
    this.copied.set(false);
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
      this.keys.set((await this.admin.listApiKeys()).items);
      this.problem.set(null);
    } catch (err) {
      this.problem.set(toProblem(err));
    }
  }
}
