/** Goal commands: start (and follow) a goal, list goals, show one, pause/resume/cancel it. */
import type { Command } from 'commander';
import type { Goal, GoalCreated, GoalPage } from '../api-types';
import { followGoal } from '../follow-goal';
import { formatPlan, formatUsage, table } from '../format';
import { q, type CommandContext } from './context';

function printGoal(ctx: CommandContext, goal: Goal): void {
  ctx.out.print(`${goal.id}  ${goal.status}${goal.live ? '' : ' (stored)'}`);
  ctx.out.print(`  goal:     ${goal.goal}`);
  ctx.out.print(`  usage:    ${formatUsage(goal.usage)}`);
  ctx.out.print(`  temporal: ${goal.temporalUiUrl}`);
  if (goal.error) ctx.out.print(`  error:    ${goal.error.code}: ${goal.error.detail}`);
  if (goal.plan.length) formatPlan(goal).forEach((l) => ctx.out.print(l));
  if (goal.subtasks.length) {
    ctx.out.print('Subtasks:');
    ctx.out.print(table(goal.subtasks.map((s) => [`  ${s.id}`, s.status, s.taskId, s.title])));
  }
}

export function registerGoalCommands(program: Command, ctx: CommandContext): void {
  program
    .command('goal <text>')
    .description('start a goal and follow it until it ends (exit 0 when completed, 1 when failed or cancelled)')
    .option('--team <id>', 'team id')
    .option('--context <text>', 'extra context for the planner')
    .option('--approval <policy>', 'which commands wait for approval: never | high_risk | always')
    .option('--allow-network', 'let commands reach the network')
    .option('--no-follow', 'print the goal id and return')
    .option('--json', 'print JSON (with follow: the final goal)')
    .action(async (text: string, opts: { team?: string; context?: string; approval?: string; allowNetwork?: boolean; follow: boolean; json?: boolean }) => {
      const created = await ctx.api().request<GoalCreated>('POST', '/goals', {
        goal: text, teamId: opts.team, context: opts.context, approvalPolicy: opts.approval, allowNetwork: opts.allowNetwork,
      });
      if (!opts.follow) {
        if (opts.json) ctx.out.json(created);
        else ctx.out.print(created.id);
        return;
      }
      const print = opts.json ? () => {} : (line: string) => ctx.out.print(line);
      print(`Goal ${created.id} accepted`);
      print(`  Temporal UI: ${created.temporalUiUrl}`);
      const final = await followGoal(ctx.api(), created.id, { print, signal: ctx.signal });
      if (opts.json) ctx.out.json(final);
      if (ctx.signal.aborted && !['completed', 'failed', 'cancelled'].includes(final.status)) {
        ctx.out.error(`Stopped following; the goal keeps running. See it with: ananta goal-status ${created.id}`);
        ctx.exit(130);
        return;
      }
      ctx.exit(final.status === 'completed' ? 0 : 1);
    });

  program
    .command('goals')
    .description('list goals, newest first')
    .option('--status <status>', 'only goals with this status')
    .option('--team <id>', 'only goals of this team')
    .option('--limit <n>', 'how many', '20')
    .option('--json', 'print JSON')
    .action(async (opts: { status?: string; team?: string; limit: string; json?: boolean }) => {
      const params = new URLSearchParams({ limit: opts.limit });
      if (opts.status) params.set('status', opts.status);
      if (opts.team) params.set('teamId', opts.team);
      const page = await ctx.api().request<GoalPage>('GET', `/goals?${params.toString()}`);
      if (opts.json) return ctx.out.json(page);
      if (page.items.length === 0) return ctx.out.print('No goals.');
      ctx.out.print(table([['ID', 'STATUS', 'CREATED', 'GOAL'], ...page.items.map((g) => [g.id, g.status, g.createdAt, g.goal.slice(0, 60)])]));
    });

  program
    .command('goal-status <id>')
    .description('show a goal with its plan and subtasks')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      const goal = await ctx.api().request<Goal>('GET', `/goals/${q(id)}`);
      if (opts.json) ctx.out.json(goal);
      else printGoal(ctx, goal);
    });

  for (const action of ['pause', 'resume', 'cancel'] as const) {
    program
      .command(`${action} <goalId>`)
      .description(`${action} a goal`)
      .action(async (id: string) => {
        const goal = await ctx.api().request<Goal>('POST', `/goals/${q(id)}/${action}`);
        ctx.out.print(`${goal.id}: ${goal.status}`);
      });
  }
}
