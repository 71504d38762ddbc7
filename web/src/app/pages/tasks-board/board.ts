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

const ACTIVE: readonly TaskStatus[] = ['todo', 'blocked', 'assigned', 'proposing', 'waiting_approval', 'in_progress'];

/**
 * The move a card dropped on another column asks for: into Paused pauses, into Cancelled cancels, a
 * paused card dropped on a working column resumes, a failed or cancelled one retries. The API's state machine
 * has the last word (409 invalid_transition); null means no move leads there at all (e.g. nobody can
 * drop a task into Completed).
 */
export function dropAction(from: TaskStatus, to: TaskStatus): TaskAction | null {
  if (from === to) return null;
  if (to === 'paused') return 'pause';
  if (to === 'cancelled') return 'cancel';
  if (!ACTIVE.includes(to)) return null;
  if (from === 'paused') return 'resume';
  if (from === 'failed' || from === 'cancelled') return 'retry';
  return null;
}

const label = (s: TaskStatus): string => s.replace(/_/g, ' ');

/** Why a drop did nothing, when no move of the state machine leads from one column to the other. */
export function noMoveProblem(task: Pick<TaskRow, 'title'>, from: TaskStatus, to: TaskStatus): ProblemView {
  return {
    status: 0,
    title: `“${task.title}” cannot go from ${label(from)} to ${label(to)}`,
    detail: to === 'completed' || to === 'failed'
      ? 'A task gets there by running; drag it to Paused or Cancelled, or back to a working column to resume or retry it.'
      : 'Only pause (to Paused), cancel (to Cancelled), resume (a paused task) and retry (a finished task) can be done by hand.',
    errors: [],
  };
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
