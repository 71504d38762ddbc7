/** What a task log line records; the order of a task's events is their `seq`. */
export const TASK_EVENT_TYPES = [
  'status',
  'step_proposed',
  'approval_requested',
  'approval_decided',
  'command_started',
  'output',
  'command_finished',
  'verdict',
  'error',
  'followups',
  'waiting_for_worker',
  'worker_available',
  'worker_lost',
] as const;
export type TaskEventType = (typeof TASK_EVENT_TYPES)[number];
