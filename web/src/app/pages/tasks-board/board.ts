/**
 * The board's rules, kept apart from the component so they can be tested alone: which column a task
 * sits in, which moves a card offers, and how a refused move reads. The API's state machine decides;
 * the buttons are only the moves worth trying from each status.
 */
import { HttpErrorResponse } from '@angular/common/http';
import type { TaskAction, TaskRow, TaskStatus } from '../../core/api-types';
import { toProblem, type ProblemView } from '../../core/problem';

export const BOARD_COLUMNS: readonly TaskStatus[] = [
  'todo', 'blocked', 'assigned', 'proposing', 'waiting_approval', 'in_progress', 'paused', 'completed', 'failed', 'cancelled',
];

const TERMINAL: readonly TaskStatus[] = ['completed', 'failed', 'cancelled'];

export function actionsFor(status: TaskStatus): TaskAction[] {
  if (status === 'paused') return ['resume', 'cancel'];
  if (status === 'failed' || status === 'cancelled') return ['retry'];
  if (TERMINAL.includes(status)) return [];
  return ['pause', 'cancel'];
}

export function toColumns(tasks: readonly TaskRow[]): Array<{ status: TaskStatus; tasks: TaskRow[] }> {
  return BOARD_COLUMNS.map((status) => ({ status, tasks: tasks.filter((t) => t.status === status) }));
}

const VERB: Record<TaskAction, string> = { pause: 'pause', resume: 'resume', cancel: 'cancel', retry: 'retry' };

/** A refused move as a sentence: the API's own detail, plus the status the task is really in. */
export function actionProblem(task: Pick<TaskRow, 'title'>, action: TaskAction, err: unknown): ProblemView {
  const problem = toProblem(err);
  const body = err instanceof HttpErrorResponse && typeof err.error === 'object' && err.error ? (err.error as Record<string, unknown>) : {};
  const current = typeof body['currentStatus'] === 'string' ? body['currentStatus'].replace(/_/g, ' ') : null;
  const title = problem.status === 409 ? `Cannot ${VERB[action]} “${task.title}”` : problem.title;
  // Name the real status unless the API's detail already does.
  const detail = current && !problem.detail.includes(current) ? `${problem.detail} The task is ${current}.`.trim() : problem.detail;
  return { ...problem, title, detail };
}
