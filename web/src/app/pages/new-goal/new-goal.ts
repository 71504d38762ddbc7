/**
 * Start a goal: the text, optional context, team, template and budget. Validation is the API's: the
 * form sends what was typed and shows the problem's detail and per-field messages next to each field,
 * so the rules live in one place. Teams and templates are offered from the API's lists.
 */
import { Component, inject, type OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router } from '@angular/router';
import { Api } from '../../core/api';
import type { NewGoal as NewGoalBody, Team, Template } from '../../core/api-types';
import { toProblem, type ProblemView } from '../../core/problem';
import { ProblemAlert } from '../../shared/problem-alert';

/** An empty field means "not set"; anything else goes to the API as a number (the API judges it). */
const optionalNumber = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));

@Component({
  selector: 'app-new-goal',
  imports: [FormsModule, ProblemAlert],
  templateUrl: './new-goal.html',
})
export class NewGoal implements OnInit {
  private readonly api = inject(Api);
  private readonly router = inject(Router);

  protected readonly goal = signal('');
  protected readonly context = signal('');
  protected readonly teamId = signal('');
  protected readonly templateId = signal('');
  protected readonly teams = signal<Team[]>([]);
  protected readonly templates = signal<Template[]>([]);
  /** Why the choices are missing, when they are; the form works without them. */
  protected readonly choicesProblem = signal<ProblemView | null>(null);
  protected readonly maxTokens = signal('');
  protected readonly maxCostUsd = signal('');
  protected readonly maxSubtasks = signal('');
  protected readonly busy = signal(false);
  protected readonly problem = signal<ProblemView | null>(null);

  /** The request body for what is in the form now. */
  body(): NewGoalBody {
    const budget = { maxTokens: optionalNumber(this.maxTokens()), maxCostUsd: optionalNumber(this.maxCostUsd()), maxSubtasks: optionalNumber(this.maxSubtasks()) };
    const hasBudget = Object.values(budget).some((v) => v !== undefined);
    return {
      goal: this.goal(),
      ...(this.context().trim() ? { context: this.context() } : {}),
      ...(this.teamId().trim() ? { teamId: this.teamId().trim() } : {}),
      ...(this.templateId() ? { templateId: this.templateId() } : {}),
      ...(hasBudget ? { budget: JSON.parse(JSON.stringify(budget)) as NewGoalBody['budget'] } : {}),
    };
  }

  async ngOnInit(): Promise<void> {
    try {
      const [teams, templates] = await Promise.all([this.api.listTeams(), this.api.listTemplates()]);
      this.teams.set(teams.items.filter((t) => t.isActive));
      this.templates.set(templates.items);
    } catch (err) {
      this.choicesProblem.set(toProblem(err));
    }
  }

  protected fieldError(path: string): string | undefined {
    return this.problem()?.errors.find((e) => e.path === path)?.message;
  }

  protected async submit(): Promise<void> {
    this.busy.set(true);
    this.problem.set(null);
    try {
      const created = await this.api.createGoal(this.body());
      await this.router.navigate(['/goals', created.id]);
    } catch (err) {
      this.problem.set(toProblem(err));
    } finally {
      this.busy.set(false);
    }
  }
}
