/**
 * Replay gate: every committed history (test/histories/*.json, recorded by scripts/record-histories.ts)
 * must replay against today's workflow code. A change that would break running workflows fails here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';

const dir = path.resolve(__dirname, '..', 'histories');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const load = (file: string) => historyFromJSON(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
const workflowsPath = require.resolve('../../workflows');

test('there is a committed history for each workflow type', () => {
  const types = new Set(files.map((f) => {
    const start = load(f).events?.[0]?.workflowExecutionStartedEventAttributes;
    return start?.workflowType?.name;
  }));
  expect([...types].sort((a, b) => String(a).localeCompare(String(b)))).toEqual([
    'analyzeTaskWorkflow', 'autopilotWorkflow', 'goalWorkflow', 'manualStepWorkflow', 'planWorkflow', 'proposeManualStepWorkflow', 'taskWorkflow',
  ]);
});

test.each(files)('%s replays without a determinism error', async (file) => {
  await Worker.runReplayHistory({ workflowsPath, replayName: file }, load(file));
});

test('the replayer catches a change: a history whose activity was swapped fails with DeterminismViolationError', async () => {
  const history = load(files.find((f) => f.startsWith('task-'))!);
  const scheduled = history.events!.find((e) => e.activityTaskScheduledEventAttributes)!;
  scheduled.activityTaskScheduledEventAttributes!.activityType = { name: 'someOtherActivity' };
  await expect(Worker.runReplayHistory({ workflowsPath, replayName: 'altered' }, history)).rejects.toBeInstanceOf(DeterminismViolationError);
});
