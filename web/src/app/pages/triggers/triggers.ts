/**
 * Webhook triggers: the list, a form to create or edit one, its URL to copy, a test panel and its
 * recent deliveries. Selecting a row opens it; "New trigger" clears the selection.
 */
import { Component, computed, inject, type OnInit, signal } from '@angular/core';
import { Api } from '../../core/api';
import type { Team, Template, Trigger } from '../../core/api-types';
import { toProblem, type ProblemView } from '../../core/problem';
import { ProblemAlert } from '../../shared/problem-alert';
import { TriggerDeliveries } from './trigger-deliveries';
import { TriggerForm } from './trigger-form';
import { webhookUrl } from './trigger-form-model';
import { TriggerTestPanel } from './trigger-test-panel';

@Component({
  selector: 'app-triggers',
  imports: [ProblemAlert, TriggerDeliveries, TriggerForm, TriggerTestPanel],
  templateUrl: './triggers.html',
})
export class Triggers implements OnInit {
  private readonly api = inject(Api);

  protected readonly triggers = signal<Trigger[] | null>(null);
  protected readonly teams = signal<Team[]>([]);
  protected readonly templates = signal<Template[]>([]);
  protected readonly selectedId = signal<string | null>(null);
  protected readonly selected = computed(() => this.triggers()?.find((t) => t.id === this.selectedId()) ?? null);
  protected readonly url = computed(() => {
    const t = this.selected();
    return t ? webhookUrl(t, location.origin) : '';
  });
  protected readonly copied = signal(false);
  protected readonly problem = signal<ProblemView | null>(null);

  ngOnInit(): void {
    void this.load();
  }

  protected select(t: Trigger | null): void {
    this.selectedId.set(t?.id ?? null);
    this.copied.set(false);
  }

  protected async onSaved(t: Trigger): Promise<void> {
    this.triggers.update((list) => [t, ...(list ?? []).filter((x) => x.id !== t.id)]);
    this.select(t);
    await this.load();
  }

  protected async copy(field: HTMLInputElement): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.url());
    } catch {
      // No clipboard permission (or not a secure context): leave the URL selected for Ctrl+C.
      field.select();
    }
    this.copied.set(true);
  }

  protected async remove(t: Trigger): Promise<void> {
    if (!confirm(`Delete the trigger “${t.name}”? Senders using its URL will get 404.`)) return;
    try {
      await this.api.deleteTrigger(t.id);
      if (this.selectedId() === t.id) this.select(null);
      await this.load();
    } catch (err) {
      this.problem.set(toProblem(err));
    }
  }

  private async load(): Promise<void> {
    try {
      // Teams and templates only fill the form's pickers: without them the list still shows.
      const [triggers, teams, templates] = await Promise.all([
        this.api.listTriggers(),
        this.api.listTeams().catch(() => ({ items: [] as Team[] })),
        this.api.listTemplates().catch(() => ({ items: [] as Template[] })),
      ]);
      this.triggers.set(triggers.items);
      this.teams.set(teams.items);
      this.templates.set(templates.items);
      this.problem.set(null);
    } catch (err) {
      this.problem.set(toProblem(err));
    }
  }
}
