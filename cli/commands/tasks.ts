/** Task commands: list tasks, read or follow a task's log, and answer an approval. */
import type { Command } from 'commander';
import type { Task, TaskEvent, TaskLog, TaskPage } from '../api-types';
import { createLogFormatter, table } from '../format';
import { streamEvents } from '../sse-client';
import { q, type CommandContext } from './context';

export function registerTaskCommands(program: Command, ctx: CommandContext): void {
  program
    .command('tasks')
    .description('list tasks, newest first')
    .option('--status <status>', 'status filter, e.g. in_progress or done,failed')
    .option('--goal <id>', 'only tasks of this goal')
    .option('--limit <n>', 'how many', '20')
    .option('--json', 'print JSON')
    .action(async (opts: { status?: string; goal?: string; limit: string; json?: boolean }) => {
      const params = new URLSearchParams({ limit: opts.limit });
      if (opts.status) params.set('status', opts.status);
      if (opts.goal) params.set('goalId', opts.goal);
      const page = await ctx.api().request<TaskPage>('GET', `/tasks?${params.toString()}`);
      if (opts.json) return ctx.out.json(page);
      if (page.items.length === 0) return ctx.out.print('No tasks.');
      ctx.out.print(table([['ID', 'STATUS', 'TITLE'], ...page.items.map((t) => [t.id, t.status, t.title.slice(0, 60)])]));
    });

  program
    .command('logs <taskId>')
    .description("print a task's log; with --follow, stream it until the task ends")
    .option('-f, --follow', 'stream new events live')
    .action(async (taskId: string, opts: { follow?: boolean }) => {
      const format = createLogFormatter({ statuses: true });
      const print = (e: TaskEvent) => format(e, e.taskId.split('.').pop() ?? taskId).forEach((l) => ctx.out.print(l));
      if (!opts.follow) {
        const log = await ctx.api().request<TaskLog>('GET', `/tasks/${q(taskId)}/logs`);
        log.items.forEach(print);
        return;
      }
      for await (const msg of streamEvents(ctx.api(), `/tasks/${q(taskId)}/stream-logs`, ctx.signal)) {
        if (msg.event === 'end') {
          const { status } = msg.data as { status: string };
          ctx.out.print(`task ${status}`);
          ctx.exit(status === 'completed' ? 0 : 1);
          return;
        }
        print(msg.data as TaskEvent);
      }
    });

  program
    .command('approve <taskId>')
    .description('approve (or --reject) the command a task is waiting on')
    .option('--reject', 'reject instead of approve')
    .option('--comment <text>', 'why')
    .action(async (taskId: string, opts: { reject?: boolean; comment?: string }) => {
      const decision = opts.reject ? 'reject' : 'approve';
      const task = await ctx.api().request<Task>('POST', `/tasks/${q(taskId)}/approve`, { decision, comment: opts.comment });
      const step = task.steps?.at(-1);
      ctx.out.print(`${decision === 'approve' ? 'Approved' : 'Rejected'}${step ? `: ${step.command}` : ''} (task ${task.id} is ${task.status})`);
    });
}
