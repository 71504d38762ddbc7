/**
 * The live output sink on PGlite: batches per step, a batch per stream run, in the order printed,
 * and a retried flush never duplicates a line.
 */
import { openDatabase, type OpenedDatabase } from '../db/client';
import { listTaskEvents } from '../db/queries/task-events';
import type { OutputChunkInfo } from '../activities/exec';
import { createOutputSink } from './output-sink';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openDatabase({ pgliteDir: 'memory://' });
});
afterAll(() => opened?.close());

const chunk = (taskId: string, text: string, stream: OutputChunkInfo['stream']): OutputChunkInfo => ({
  taskId, goalId: 'goal-sink', stepIndex: 2, attempt: 1, activityId: '7', chunk: text, stream,
});

test('a switch between stdout and stderr starts a new event, each saying its stream, in the printed order', async () => {
  const sink = createOutputSink(opened.db, 60_000); // no timer fires: only switches and close write
  for (const [text, stream] of [['a1\n', 'stdout'], ['a2\n', 'stdout'], ['e1\n', 'stderr'], ['b1\n', 'stdout'], ['e2\n', 'stderr'], ['e3\n', 'stderr']] as const) {
    sink.write(chunk('task-sink-1', text, stream));
  }
  await sink.close();
  const events = await listTaskEvents(opened.db, 'task-sink-1');
  expect(events.map((e) => [e.type, e.data?.['stream'], e.message])).toEqual([
    ['output', 'stdout', 'a1\na2\n'],
    ['output', 'stderr', 'e1\n'],
    ['output', 'stdout', 'b1\n'],
    ['output', 'stderr', 'e2\ne3\n'],
  ]);
  expect(events.map((e) => e.key)).toEqual(['s2-x7-a1-out1', 's2-x7-a1-out2', 's2-x7-a1-out3', 's2-x7-a1-out4']);
});

test('chunks of one stream within the flush interval are one event', async () => {
  const sink = createOutputSink(opened.db, 50);
  sink.write(chunk('task-sink-2', 'x', 'stdout'));
  sink.write(chunk('task-sink-2', 'y', 'stdout'));
  await new Promise((r) => setTimeout(r, 300));
  sink.write(chunk('task-sink-2', 'z', 'stdout'));
  await sink.close();
  const events = await listTaskEvents(opened.db, 'task-sink-2');
  expect(events.map((e) => e.message)).toEqual(['xy', 'z']);
});
