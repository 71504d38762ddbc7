/** Ranges shift with text put in front of or after the output, and platform notices count as stderr. */
import { appendStderrRange, prefixRanges, splitStreams, streamParts } from './output-streams';

test('a stderr prefix joins a first range that starts at the beginning, else comes before it', () => {
  expect(prefixRanges([[0, 3], [5, 6]], 4, true)).toEqual([[0, 7], [9, 10]]);
  expect(prefixRanges([[2, 3]], 4, true)).toEqual([[0, 4], [6, 7]]);
  expect(prefixRanges([[2, 3]], 4, false)).toEqual([[6, 7]]);
  expect(prefixRanges([], 0, true)).toEqual([]);
  expect(prefixRanges(undefined, 4, true)).toBeUndefined();
});

test('an appended notice extends a last range that reaches the end, else gets its own', () => {
  expect(appendStderrRange([[1, 3]], 3, 2)).toEqual([[1, 5]]);
  expect(appendStderrRange([[0, 1]], 3, 2)).toEqual([[0, 1], [3, 5]]);
  expect(appendStderrRange(undefined, 3, 2)).toBeUndefined();
});

test('splitting puts every character in exactly one stream', () => {
  const output = 'NOTE\nout\nerr\nend';
  const ranges = prefixRanges([[4, 8]], 5, true)!;
  const { stdout, stderr } = splitStreams(output, ranges);
  expect([stdout, stderr]).toEqual(['out\nend', 'NOTE\nerr\n']);
  expect(stdout.length + stderr.length).toBe(output.length);
});

test('stream parts keep the order and cover the whole output', () => {
  expect(streamParts('a\nE\nb\n', [[2, 4]])).toEqual([
    { stream: 'stdout', text: 'a\n' }, { stream: 'stderr', text: 'E\n' }, { stream: 'stdout', text: 'b\n' },
  ]);
  expect(streamParts('x', undefined)).toEqual([{ stream: 'stdout', text: 'x' }]);
  expect(streamParts('', [])).toEqual([]);
  // From an offset: what live output had not shown yet, a stderr range cut where the offset falls.
  expect(streamParts('a\nEE\nb\n', [[2, 5]], 3)).toEqual([{ stream: 'stderr', text: 'E\n' }, { stream: 'stdout', text: 'b\n' }]);
  expect(streamParts('a\nE\nb\n', [[2, 4]], 6)).toEqual([]);
});
