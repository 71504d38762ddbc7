/**
 * LLM providers: the vendors and models goals may use. The API key is write-only (sent on create,
 * then only `hasApiKey` comes back); "Test" asks the API to reach the vendor and reports the latency
 * and the models it lists, or the vendor's problem.
 */
import { Component, inject, type OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { AdminApi } from '../../core/admin-api';
import { FALLBACK_ROLES, PROVIDER_KINDS, type FallbackModels, type FallbackRole, type Provider, type ProviderInput, type ProviderKind } from '../../core/admin-types';
import { toProblem, type ProblemView } from '../../core/problem';
import { ProblemAlert } from '../../shared/problem-alert';

/** An empty field is "not set"; anything else goes to the API as typed (the API validates). */
const optionalNumber = (text: string): number | undefined => (String(text ?? '').trim() === '' ? undefined : Number(text));

/** What each role's fallback is called in the form and the list. */
const FALLBACK_LABELS: Record<FallbackRole, string> = { plan: 'planning', propose_step: 'steps', detect_followups: 'follow-ups' };
const noFallbacks = (): Record<FallbackRole, string> => ({ plan: '', propose_step: '', detect_followups: '' });

@Component({
  selector: 'app-providers-section',
  imports: [FormsModule, ProblemAlert],
  templateUrl: './providers-section.html',
})
export class ProvidersSection implements OnInit {
  private readonly admin = inject(AdminApi);

  protected readonly kinds = PROVIDER_KINDS;
  protected readonly fallbackRoles = FALLBACK_ROLES.map((role) => ({ role, label: FALLBACK_LABELS[role] }));
  protected readonly providers = signal<Provider[] | null>(null);
  protected readonly problem = signal<ProblemView | null>(null);
  protected readonly formProblem = signal<ProblemView | null>(null);
  protected readonly busy = signal(false);
  /** The outcome of the last test, by provider id. */
  protected readonly tests = signal<Record<string, string>>({});

  protected readonly name = signal('');
  protected readonly kind = signal<ProviderKind>('openai');
  protected readonly baseUrl = signal('');
  protected readonly model = signal('');
  protected readonly apiKey = signal('');
  protected readonly temperature = signal('');
  protected readonly timeoutSeconds = signal('');
  /** A fallback model per role, as typed; an empty one is not sent. */
  protected readonly fallbacks = signal(noFallbacks());
  protected readonly isDefault = signal(false);

  ngOnInit(): void {
    void this.load();
  }

  body(): ProviderInput {
    const body: ProviderInput = { name: this.name(), kind: this.kind(), model: this.model(), isDefault: this.isDefault() };
    if (this.baseUrl().trim()) body.baseUrl = this.baseUrl().trim();
    if (this.apiKey()) body.apiKey = this.apiKey();
    const temperature = optionalNumber(this.temperature());
    const timeout = optionalNumber(this.timeoutSeconds());
    if (temperature !== undefined) body.temperature = temperature;
    if (timeout !== undefined) body.timeoutSeconds = timeout;
    const fallbackModels = Object.fromEntries(
      FALLBACK_ROLES.map((role) => [role, this.fallbacks()[role].trim()]).filter(([, model]) => model !== ''),
    ) as FallbackModels;
    if (Object.keys(fallbackModels).length > 0) body.fallbackModels = fallbackModels;
    return body;
  }

  protected setFallback(role: FallbackRole, model: string): void {
    this.fallbacks.update((f) => ({ ...f, [role]: model }));
  }

  /** "planning gpt-4.1-mini, steps …" for the list; empty when the provider has none per role. */
  protected fallbackSummary(p: Provider): string {
    return FALLBACK_ROLES.filter((role) => p.fallbackModels?.[role]).map((role) => `${FALLBACK_LABELS[role]} ${p.fallbackModels![role]}`).join(', ');
  }

  protected async create(): Promise<void> {
    await this.act(async () => {
      await this.admin.createProvider(this.body());
      for (const field of [this.name, this.baseUrl, this.model, this.apiKey, this.temperature, this.timeoutSeconds]) field.set('');
      this.fallbacks.set(noFallbacks());
      this.isDefault.set(false);
    });
  }

  protected async test(p: Provider): Promise<void> {
    this.tests.update((t) => ({ ...t, [p.id]: 'Testing…' }));
    try {
      const r = await this.admin.testProvider(p.id);
      const models = r.models?.length ? `; models: ${r.models.slice(0, 5).join(', ')}${r.models.length > 5 ? '…' : ''}` : '';
      this.tests.update((t) => ({ ...t, [p.id]: `OK in ${Math.round(r.latencyMs)} ms${models}` }));
    } catch (err) {
      const problem = toProblem(err);
      this.tests.update((t) => ({ ...t, [p.id]: `Failed: ${problem.title}${problem.detail ? ' — ' + problem.detail : ''}` }));
    }
  }

  protected async makeDefault(p: Provider): Promise<void> {
    await this.act(() => this.admin.makeDefaultProvider(p.id));
  }

  protected async remove(p: Provider): Promise<void> {
    if (!confirm(`Delete the provider ${p.name}?`)) return;
    await this.act(() => this.admin.deleteProvider(p.id));
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
      this.providers.set((await this.admin.listProviders()).items);
      this.problem.set(null);
    } catch (err) {
      this.problem.set(toProblem(err));
    }
  }
}
