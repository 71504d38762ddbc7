/** The CLI's log formatter shows each command's output once, whole lines, stderr marked. */
import type { TaskEvent } from './api-types';
import { createLogFormatter } from './format';

let seq = 0;
const ev = (type: string, message: string, data: Record<string, unknown> | null = null, taskId = 'g.s1'): TaskEvent => ({
  seq: ++seq, taskId, type, message, data, createdAt: new Date(0).toISOString(),
});

test('live output replaces the final copy; lines split across chunks are printed whole; stderr is marked', () => {
  const format = createLogFormatter();
  const lines = [
    ev('step_proposed', '$ make', {}),
    ev('output', 'compil', { stepIndex: 1, stream: 'stdout' }),
    ev('output', 'ing\nlink', { stepIndex: 1, stream: 'stdout' }),
    ev('output', 'warning: old\n', { stepIndex: 1, stream: 'stderr' }),
    ev('command_finished', 'exit 0', { exitCode: 0, output: 'compiling\nlinkwarning: old\n' }),
  ].flatMap((e) => format(e, 's1'));
  expect(lines).toEqual([
    '  [s1] $ make',
    '  [s1]   │ compiling',
    '  [s1]   │ link',
    '  [s1]   ! warning: old',
    '  [s1] exit 0',
  ]);
});

test("a quick step's output comes from command_finished, and its late live output is dropped even after the next step began", () => {
  const format = createLogFormatter();
  const lines = [
    ev('step_proposed', '$ echo hi', {}),
    ev('command_finished', 'exit 0', { exitCode: 0, output: 'hi\n' }),
    ev('step_proposed', '$ echo bye', {}),
    ev('output', 'hi\n', { stepIndex: 1, stream: 'stdout' }),
    ev('output', 'bye\n', { stepIndex: 2, stream: 'stdout' }),
    ev('command_finished', 'exit 0', { exitCode: 0, output: 'bye\n' }),
  ].flatMap((e) => format(e, 's1'));
  expect(lines).toEqual(['  [s1] $ echo hi', '  [s1]   │ hi', '  [s1] exit 0', '  [s1] $ echo bye', '  [s1]   │ bye', '  [s1] exit 0']);
});

test('manual steps are told apart by their stepIndex; tasks keep separate state', () => {
  const format = createLogFormatter();
  const lines = [
    ev('command_started', '$ ls', { manual: true, stepIndex: 4 }, 'g.s2'),
    ev('output', 'a.txt\n', { stepIndex: 4, stream: 'stdout' }, 'g.s2'),
    ev('command_finished', 'exit 0', { manual: true, stepIndex: 4, exitCode: 0, output: 'a.txt\n' }, 'g.s2'),
    ev('command_finished', 'exit 1', { exitCode: 1, output: 'nope\n' }, 'g.s3'),
  ].flatMap((e) => format(e, e.taskId.slice(2)));
  expect(lines).toEqual(['  [s2] $ ls', '  [s2]   │ a.txt', '  [s2] exit 0', '  [s3]   │ nope', '  [s3] exit 1']);
});

test("a finished command's own copy marks the lines that came from stderr", () => {
  const format = createLogFormatter();
  const lines = [
    ev('step_proposed', '$ build', {}, 'g.s9'),
    ev('command_finished', 'exit 2', { exitCode: 2, output: 'step 1\nfailed: x\n', stderrRanges: [[7, 17]] }, 'g.s9'),
  ].flatMap((e) => format(e, 's9'));
  expect(lines).toEqual(['  [s9] $ build', '  [s9]   │ step 1', '  [s9]   ! failed: x', '  [s9] exit 2']);
});

test('the final record adds what live output had not shown yet, stderr marked; live output after it is dropped', () => {
  const format = createLogFormatter();
  const lines = [
    ev('step_proposed', '$ build', {}, 'g.s7'),
    ev('output', 'building\n', { stepIndex: 1, stream: 'stdout' }, 'g.s7'),
    ev('output', 'ls: missing\nhalf', { stepIndex: 1, stream: 'stderr' }, 'g.s7'),
    ev('command_finished', 'exit 0', { exitCode: 0, output: 'building\nls: missing\nhalf line\ndone\n', stderrRanges: [[9, 31]] }, 'g.s7'),
    ev('output', ' line\ndone\n', { stepIndex: 1, stream: 'stdout' }, 'g.s7'),
    ev('verdict', 'built', { success: true }, 'g.s7'),
  ].flatMap((e) => format(e, 's7'));
  expect(lines).toEqual([
    '  [s7] $ build',
    '  [s7]   │ building',
    '  [s7]   ! ls: missing',
    '  [s7]   ! half line',
    '  [s7]   │ done',
    '  [s7] exit 0',
    '  [s7] ✓ built',
  ]);
});
