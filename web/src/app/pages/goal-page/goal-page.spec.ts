import { describe, expect, it } from 'vitest';
import { planColumns } from './goal-page';
import { toLogLine } from './task-log';

const node = (id: string, dependsOn: string[] = []) => ({ id, title: id, dependsOn, status: 'todo' });

describe('planColumns', () => {
  it('puts each subtask one column right of its deepest dependency', () => {
    const columns = planColumns([node('s1'), node('s2', ['s1']), node('s3'), node('s4', ['s2', 's3'])]);
    expect(columns.map((c) => c.map((n) => n.id))).toEqual([['s1', 's3'], ['s2'], ['s4']]);
  });

  it('draws unknown dependencies and cycles flat instead of looping', () => {
    const columns = planColumns([node('a', ['b']), node('b', ['a']), node('c', ['missing'])]);
    expect(columns.flat().map((n) => n.id).sort()).toEqual(['a', 'b', 'c']);
  });
});

describe('toLogLine', () => {
  const event = (type: string, message: string, data: Record<string, unknown> | null = null) => ({
    seq: 1, taskId: 't', type, message, data, createdAt: '2026-01-01T00:00:00Z',
  });

  it('shows the final output of a command when no live output was streamed', () => {
    expect(toLogLine(event('command_finished', 'exit 0', { exitCode: 0, output: 'hi' }), false)).toEqual({ seq: 1, kind: 'exit', text: 'hi\n→ exit 0\n' });
    expect(toLogLine(event('command_finished', 'exit 2', { exitCode: 2, output: 'hi\n' }), true)).toEqual({ seq: 1, kind: 'error', text: '→ exit 2\n' });
  });

  it('tells what the command printed on stderr from its stdout (older events, without a stream, are stdout)', () => {
    expect(toLogLine(event('output', 'warning: disk\n', { stream: 'stderr' }), false)).toEqual({ seq: 1, kind: 'stderr', text: 'warning: disk\n' });
    expect(toLogLine(event('output', 'hi\n', { stream: 'stdout' }), false)?.kind).toBe('output');
    expect(toLogLine(event('output', 'hi\n', { stepIndex: 0 }), false)?.kind).toBe('output');
  });

  it('marks proposed commands with their risk and keeps status messages as they are', () => {
    expect(toLogLine(event('step_proposed', '$ ls', { risk: 'low' }), false)?.text).toBe('$ ls   [low risk]\n');
    expect(toLogLine(event('status', 'status: in_progress'), false)?.text).toBe('status: in_progress\n');
    expect(toLogLine(event('approval_requested', 'approval needed'), false)?.text).toBe('approval requested: approval needed\n');
  });
});
