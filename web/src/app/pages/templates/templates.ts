/**
 * Prompt templates. Saving one with `{{variables}}` the API does not know is allowed, so the answer's
 * `warnings` are shown after each save rather than treated as an error.
 */
import { DatePipe } from '@angular/common';
import { Component, inject, type OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Api } from '../../core/api';
import type { Template, TemplateInput, TemplateWarning } from '../../core/api-types';
import { toProblem, type ProblemView } from '../../core/problem';
import { ProblemAlert } from '../../shared/problem-alert';

/** `"a, b ,,c"` → `['a', 'b', 'c']`. */
export const splitList = (text: string): string[] => text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);

@Component({
  selector: 'app-templates',
  imports: [DatePipe, FormsModule, ProblemAlert],
  templateUrl: './templates.html',
})
export class Templates implements OnInit {
  private readonly api = inject(Api);

  protected readonly example = '{{goal}}';
  protected readonly templates = signal<Template[] | null>(null);
  protected readonly problem = signal<ProblemView | null>(null);
  protected readonly formProblem = signal<ProblemView | null>(null);
  protected readonly warnings = signal<TemplateWarning[]>([]);
  protected readonly saved = signal<string | null>(null);
  protected readonly busy = signal(false);

  protected readonly editing = signal<string | null>(null);
  protected readonly name = signal('');
  protected readonly body = signal('');
  protected readonly variables = signal('');

  ngOnInit(): void {
    void this.load();
  }

  protected edit(t: Template | null): void {
    this.editing.set(t?.id ?? null);
    this.name.set(t?.name ?? '');
    this.body.set(t?.body ?? '');
    this.variables.set(t?.variables.join(', ') ?? '');
    this.warnings.set([]);
    this.saved.set(null);
    this.formProblem.set(null);
  }

  protected async save(): Promise<void> {
    this.busy.set(true);
    this.formProblem.set(null);
    this.saved.set(null);
    const body: TemplateInput = { name: this.name().trim(), body: this.body(), variables: splitList(this.variables()) };
    try {
      const result = await this.api.saveTemplate(this.editing(), body);
      this.editing.set(result.id);
      this.warnings.set(result.warnings ?? []);
      this.saved.set(result.name);
      await this.load();
    } catch (err) {
      this.formProblem.set(toProblem(err));
    } finally {
      this.busy.set(false);
    }
  }

  protected async remove(t: Template): Promise<void> {
    if (!confirm(`Delete the template “${t.name}”?`)) return;
    try {
      await this.api.deleteTemplate(t.id);
      if (this.editing() === t.id) this.edit(null);
      await this.load();
    } catch (err) {
      this.formProblem.set(toProblem(err));
    }
  }

  private async load(): Promise<void> {
    try {
      this.templates.set((await this.api.listTemplates()).items);
      this.problem.set(null);
    } catch (err) {
      this.problem.set(toProblem(err));
    }
  }
}
