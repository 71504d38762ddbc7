import { describe, expect, it } from 'vitest';
import { planColumns } from './goal-page';
import { createLogLines, outputParts, toLogLine } from './task-log';

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
    expect(toLogLine(event('command_finished', 'exit 0', { exitCode: 0, output: 'hi' }))).toEqual({
      seq: 1, kind: 'exit', text: 'hi\n→ exit 0\n', output: [{ kind: 'output', text: 'hi' }],
    });
    expect(toLogLine(event('command_finished', 'exit 2', { exitCode: 2, output: 'hi\n' }), 'hi\n')).toEqual({ seq: 1, kind: 'error', text: '→ exit 2\n' });
  });

  it('tells what the command printed on stderr from its stdout (older events, without a stream, are stdout)', () => {
    expect(toLogLine(event('output', 'warning: disk\n', { stream: 'stderr' }))).toEqual({ seq: 1, kind: 'stderr', text: 'warning: disk\n' });
    expect(toLogLine(event('output', 'hi\n', { stream: 'stdout' }))?.kind).toBe('output');
    expect(toLogLine(event('output', 'hi\n', { stepIndex: 0 }))?.kind).toBe('output');
  });

  it('marks proposed commands with their risk and keeps status messages as they are', () => {
    expect(toLogLine(event('step_proposed', '$ ls', { risk: 'low' }))?.text).toBe('$ ls   [low risk]\n');
    expect(toLogLine(event('status', 'status: in_progress'))?.text).toBe('status: in_progress\n');
    expect(toLogLine(event('approval_requested', 'approval needed'))?.text).toBe('approval requested: approval needed\n');
  });
});

describe('createLogLines', () => {
  let seq = 0;
  const event = (type: string, message: string, data: Record<string, unknown> | null = null) => ({
    seq: ++seq, taskId: 't', type, message, data, createdAt: '2026-01-01T00:00:00Z',
  });

  it("shows each step's output once: live when streamed, else the final copy; late live output is dropped even after the next step began", () => {
    const toLine = createLogLines();
    const texts = [
      event('step_proposed', '$ echo hi', { risk: 'low' }),
      event('command_finished', 'exit 0', { exitCode: 0, output: 'hi\n' }),
      event('step_proposed', '$ make', { risk: 'low' }),
      event('output', 'hi\n', { stepIndex: 1, stream: 'stdout' }),
      event('output', 'built\n', { stepIndex: 2, stream: 'stdout' }),
      event('command_finished', 'exit 0', { exitCode: 0, output: 'built\n' }),
    ].map(toLine).map((l) => l?.text ?? null);
    expect(texts).toEqual(['$ echo hi   [low risk]\n', 'hi\n→ exit 0\n', '$ make   [low risk]\n', null, 'built\n', '→ exit 0\n']);
  });

  it("adds what live output had not shown yet from the final record, stderr apart, and drops live output after it", () => {
    const toLine = createLogLines();
    const lines = [
      event('step_proposed', '$ build', { risk: 'low' }),
      event('output', 'building\n', { stepIndex: 1, stream: 'stdout' }),
      event('command_finished', 'exit 0', { exitCode: 0, output: 'building\nls: missing\ndone\n', stderrRanges: [[9, 21]] }),
      event('output', 'ls: missing\n', { stepIndex: 1, stream: 'stderr' }),
    ].map(toLine);
    expect(lines.map((l) => l?.text ?? null)).toEqual(['$ build   [low risk]\n', 'building\n', 'ls: missing\ndone\n→ exit 0\n', null]);
    expect(lines[2]?.output).toEqual([{ kind: 'stderr', text: 'ls: missing\n' }, { kind: 'output', text: 'done\n' }]);
  });

  it('tells manual steps apart by their stepIndex', () => {
    const toLine = createLogLines();
    const texts = [
      event('output', 'a.txt\n', { stepIndex: 7, stream: 'stdout' }),
      event('command_finished', 'exit 0', { manual: true, stepIndex: 7, exitCode: 0, output: 'a.txt\n' }),
      event('command_finished', 'exit 0', { manual: true, stepIndex: 8, exitCode: 0, output: 'b.txt\n' }),
    ].map(toLine).map((l) => l?.text ?? null);
    expect(texts).toEqual(['a.txt\n', '→ exit 0\n', 'b.txt\n→ exit 0\n']);
  });
});

describe('outputParts', () => {
  it("cuts a finished command's output into stdout and stderr by the API's ranges", () => {
    expect(outputParts('out\nerr\nmore\n', [[4, 8]])).toEqual([
      { kind: 'output', text: 'out\n' }, { kind: 'stderr', text: 'err\n' }, { kind: 'output', text: 'more\n' },
    ]);
    expect(outputParts('boom\n', [[0, 5]])).toEqual([{ kind: 'stderr', text: 'boom\n' }]);
  });

  it('keeps output whole without ranges (older events) or with malformed ones', () => {
    expect(outputParts('hi\n', undefined)).toEqual([{ kind: 'output', text: 'hi\n' }]);
    expect(outputParts('hi\n', [['x', 1]])).toEqual([{ kind: 'output', text: 'hi\n' }]);
  });

  it('is attached to a command_finished line shown from its final copy', () => {
    const line = toLogLine({ seq: 3, taskId: 't', type: 'command_finished', message: 'exit 1', data: { exitCode: 1, output: 'ok\nbad\n', stderrRanges: [[3, 7]] }, createdAt: '2026-01-01T00:00:00Z' });
    expect(line).toEqual({
      seq: 3, kind: 'error', text: 'ok\nbad\n→ exit 1\n',
      output: [{ kind: 'output', text: 'ok\n' }, { kind: 'stderr', text: 'bad\n' }],
    });
  });
});
