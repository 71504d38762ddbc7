/**
 * A task's commands so far, read back from its log: what the agent needs to propose a next step, and
 * the last output a follow-up analysis looks at. Agent steps log the command with `step_proposed`
 * (`$ <command>`), manual steps with `command_started`; both end with `command_finished`.
 */
import type { StepHistoryItem } from '../../core/types';
import { listTaskEvents } from '../../db/queries/task-events';
import type { ApiContext } from '../context';

/** The agent sees the tail of each output only; the log keeps the rest. */
const OUTPUT_TAIL = 4000;
const MAX_HISTORY = 20;

export interface TaskStepLog {
  history: StepHistoryItem[];
  /** How many manual steps the task has had (numbers the next one). */
  manualSteps: number;
}

export async function readStepLog(app: Pick<ApiContext, 'db'>, taskId: string): Promise<TaskStepLog> {
  const events = await listTaskEvents(app.db, taskId, { limit: 5000 });
  const history: StepHistoryItem[] = [];
  let pending: string | undefined;
  let manualSteps = 0;
  for (const e of events) {
    const data = e.data ?? {};
    if (e.type === 'step_proposed') pending = e.message.replace(/^\$ /, '');
    else if (e.type === 'command_started' && data.manual === true) {
      manualSteps += 1;
      pending = typeof data.command === 'string' ? data.command : e.message.replace(/^\$ /, '');
    } else if (e.type === 'command_finished' && pending !== undefined) {
      const output = typeof data.output === 'string' ? data.output.slice(-OUTPUT_TAIL) : undefined;
      history.push({ command: pending, exitCode: typeof data.exitCode === 'number' ? data.exitCode : undefined, output });
      pending = undefined;
    }
  }
  return { history: history.slice(-MAX_HISTORY), manualSteps };
}
