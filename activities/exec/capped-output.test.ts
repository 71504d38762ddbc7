/** The capped collector: stderr ranges line up with the merged text, through the cap and split characters. */
import { splitStreams } from '../../core/output-streams';
import { createCappedOutput } from './capped-output';
import { MAX_STDERR_RANGES } from '../../core/output-streams';

test('stderr is marked as ranges of the merged text; consecutive stderr chunks make one range', () => {
  const out = createCappedOutput(1000);
  out.push(Buffer.from('a\n'), 'stdout');
  out.push(Buffer.from('e1\n'), 'stderr');
  out.push(Buffer.from('e2\n'), 'stderr');
  out.push(Buffer.from('b\n'), 'stdout');
  expect(out.text()).toBe('a\ne1\ne2\nb\n');
  expect(out.stderrRanges()).toEqual([[2, 8]]);
  expect(splitStreams(out.text(), out.stderrRanges())).toEqual({ stdout: 'a\nb\n', stderr: 'e1\ne2\n', split: true });
});

test('a character split across chunks of one stream, with the other stream in between, stays whole in both', () => {
  const out = createCappedOutput(1000);
  const euro = Buffer.from('€'); // three bytes
  out.push(euro.subarray(0, 1), 'stdout');
  out.push(Buffer.from('ü'), 'stderr');
  out.push(euro.subarray(1), 'stdout');
  expect(out.text()).toBe('ü€');
  expect(splitStreams(out.text(), out.stderrRanges())).toMatchObject({ stdout: '€', stderr: 'ü' });
});

test('the cap counts both streams; the marker is not stderr; a cut character ends as U+FFFD', () => {
  const out = createCappedOutput(5);
  out.push(Buffer.from('ab'), 'stdout');
  out.push(Buffer.from('c€'), 'stderr'); // 'c' and two of the euro's three bytes fit
  out.push(Buffer.from('zz'), 'stdout');
  expect(out.truncated).toBe(true);
  expect(out.text()).toBe('abc\uFFFD\n[output truncated: 3 bytes omitted]\n');
  expect(splitStreams(out.text(), out.stderrRanges())).toEqual({ stdout: 'ab\n[output truncated: 3 bytes omitted]\n', stderr: 'c\uFFFD', split: true });
});

test('past MAX_STDERR_RANGES switches the ranges are dropped and the output is reported merged', () => {
  const out = createCappedOutput(1_000_000);
  for (let i = 0; i <= MAX_STDERR_RANGES; i++) {
    out.push(Buffer.from('o'), 'stdout');
    out.push(Buffer.from('e'), 'stderr');
  }
  expect(out.stderrRanges()).toBeUndefined();
  expect(splitStreams(out.text(), out.stderrRanges())).toEqual({ stdout: 'oe'.repeat(MAX_STDERR_RANGES + 1), stderr: '', split: false });
});
