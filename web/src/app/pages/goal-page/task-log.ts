/**
 * The live log of one task: `GET /tasks/{id}/stream-logs` read with fetch (the token rides in a
 * header), replayed from the start and then followed until the server's `end` event. A dropped
 * connection resumes from the last event id, so nothing is shown twice.
 */
import { Component, DestroyRef, effect, inject, input, signal, untracked } from '@angular/core';
import type { TaskEvent } from '../../core/api-types';
import { Auth } from '../../core/auth';
import { readEventStream, SseHttpError, type SseMessage } from '../../core/sse';

export interface LogLine {
  seq: number;
  /** `stderr`: output the command printed on its error stream (or the platform's notes about the run). */
  kind: 'output' | 'stderr' | 'command' | 'exit' | 'meta' | 'error';
  text: string;
  /** A finished command's output shown from its final copy, stdout and stderr apart (where the API marked stderr). */
  output?: OutputPart[];
}

export interface OutputPart {
  kind: 'output' | 'stderr';
  text: string;
}

/**
 * A command's merged output cut into its streams by `stderrRanges` ([start, end) offsets of the text
 * that came from stderr), from offset `from` on; without ranges (older events) it is all plain output.
 */
export function outputParts(output: string, ranges: unknown, from = 0): OutputPart[] {
  let at = from;
  return wholeOutputParts(output, ranges).flatMap((part) => {
    const skip = Math.min(at, part.text.length);
    at -= skip;
    return skip === part.text.length ? [] : [{ kind: part.kind, text: part.text.slice(skip) }];
  });
}

function wholeOutputParts(output: string, ranges: unknown): OutputPart[] {
  const valid = Array.isArray(ranges) && ranges.every((r) => Array.isArray(r) && r.length === 2 && r.every((n) => typeof n === 'number'));
  if (!valid) return output ? [{ kind: 'output', text: output }] : [];
  const parts: OutputPart[] = [];
  let at = 0;
  for (const [start, end] of ranges as Array<[number, number]>) {
    if (start > at) parts.push({ kind: 'output', text: output.slice(at, start) });
    if (end > start) parts.push({ kind: 'stderr', text: output.slice(start, end) });
    at = Math.max(at, end);
  }
  if (at < output.length) parts.push({ kind: 'output', text: output.slice(at) });
  return parts;
}

/**
 * How one stored event reads in the log. `shown` is the live output of the event's step already in the
 * log: a command_finished then adds only the rest of its final copy (live output is batched, so the
 * end often comes only with the final copy); if the two disagree (a retried attempt), it adds none.
 */
export function toLogLine(e: TaskEvent, shown = ''): LogLine | null {
  const data = e.data ?? {};
  switch (e.type) {
    case 'output':
      return { seq: e.seq, kind: data['stream'] === 'stderr' ? 'stderr' : 'output', text: e.message };
    case 'step_proposed':
      return { seq: e.seq, kind: 'command', text: `${e.message}   [${typeof data['risk'] === 'string' ? data['risk'] : '?'} risk]\n` };
    case 'command_finished': {
      const whole = typeof data['output'] === 'string' ? data['output'] : '';
      const from = whole.startsWith(shown) ? shown.length : whole.length;
      const output = whole.slice(from);
      const ending = `${(output || shown) && !(output || shown).endsWith('\n') ? '\n' : ''}→ ${e.message}\n`;
      const line: LogLine = { seq: e.seq, kind: data['exitCode'] === 0 ? 'exit' : 'error', text: `${output}${ending}` };
      return output ? { ...line, output: outputParts(whole, data['stderrRanges'], from) } : line;
    }
    default: {
      const label = e.type.replace(/_/g, ' ');
      // Status events already read "status: in_progress"; others get their type as a prefix.
      return { seq: e.seq, kind: 'meta', text: `${e.message.startsWith(`${label}:`) ? e.message : `${label}: ${e.message}`}\n` };
    }
  }
}

/**
 * Turns a task's events, in order, into log lines with each command's output shown once. Live output
 * is batched and best effort: the step's final record (which carries the whole output) adds what the
 * live output had not shown yet, and live output arriving after it (even after the next step began)
 * is dropped.
 * Steps are told apart by `data.stepIndex` where events carry it (output, manual steps), else by
 * counting proposals (the agent loop numbers its steps from 1).
 */
export function createLogLines(): (e: TaskEvent) => LogLine | null {
  let proposals = 0;
  /** Per step: the live output shown so far, until its final record closes it. */
  const shown = new Map<number, string>();
  const closed = new Set<number>();
  return (e) => {
    if (e.type === 'step_proposed') proposals++;
    const stepIndex = e.data?.['stepIndex'];
    const step = typeof stepIndex === 'number' ? stepIndex : proposals;
    if (e.type === 'output') {
      if (closed.has(step)) return null;
      shown.set(step, (shown.get(step) ?? '') + e.message);
    }
    const line = toLogLine(e, shown.get(step) ?? '');
    if (e.type === 'command_finished') closed.add(step);
    return line;
  };
}

@Component({
  selector: 'app-task-log',
  template: `
    <div class="log" tabindex="0" role="log" [attr.aria-label]="'Log of task ' + taskId()">
      @for (line of lines(); track line.seq) {
        @if (line.output) {
          @for (part of line.output; track $index) { <span [class]="'log-' + part.kind">{{ part.text }}</span> }
          <span [class]="'log-' + line.kind">{{ ending(line) }}</span>
        } @else {
          <span [class]="'log-' + line.kind">{{ line.text }}</span>
        }
      } @empty {
        <span class="muted">{{ ended() ? 'No log entries.' : 'Waiting for the first log entry…' }}</span>
      }
    </div>
    <p class="muted small" role="status">
      @if (ended()) { Log complete ({{ ended() }}). } @else if (error()) { {{ error() }} } @else { Streaming live… }
    </p>
  `,
})
export class TaskLog {
  private readonly auth = inject(Auth);

  readonly taskId = input.required<string>();

  protected readonly lines = signal<LogLine[]>([]);
  protected readonly ended = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);

  /** What follows a finished command's output parts in its line: the exit marker. */
  protected ending(line: LogLine): string {
    return line.text.slice((line.output ?? []).reduce((n, part) => n + part.text.length, 0));
  }

  private controller?: AbortController;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.controller?.abort());
    effect(() => {
      const id = this.taskId();
      untracked(() => void this.follow(id));
    });
  }

  private async follow(taskId: string): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.lines.set([]);
    this.ended.set(null);
    let lastId: string | undefined;
    const toLine = createLogLines();
    const onMessage = (m: SseMessage) => {
      if (m.id) lastId = m.id;
      const payload = JSON.parse(m.data) as TaskEvent & { status?: string };
      if (m.event === 'end') {
        this.ended.set(payload.status ?? 'ended');
        return;
      }
      const line = toLine(payload);
      if (line) this.lines.update((all) => [...all, line]);
    };
    while (!controller.signal.aborted && !this.ended()) {
      try {
        await readEventStream(`/tasks/${encodeURIComponent(taskId)}/stream-logs`, { token: this.auth.token(), signal: controller.signal, lastEventId: lastId }, onMessage);
        this.error.set(null);
      } catch (err) {
        if (controller.signal.aborted) return;
        if (err instanceof SseHttpError && err.status === 401) {
          if (!(await this.auth.refresh())) return this.auth.expired();
        }
        else if (err instanceof SseHttpError && err.status === 404) this.error.set('No log for this task yet; retrying…');
        else this.error.set('Connection lost; reconnecting…');
      }
      if (!this.ended()) await new Promise((r) => setTimeout(r, 2000));
    }
  }
}
