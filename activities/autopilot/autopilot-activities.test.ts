/**
 * The autopilot's store activities on PGlite: who ran a task is answered by the worker's registered id
 * (the key its circuit and a pin share), and a manual step's hold and the autopilot's claim on one todo
 * task exclude each other whichever comes first.
 */
import { openDatabase, type OpenedDatabase } from '../../db/client';
import { seedGoal, taskInput } from '../../db/testing/fixtures';
import { getTask, holdTaskForStep, releaseStepHold, upsertTask } from '../../db/queries/tasks';
import { registerWorker, setTaskAgent } from '../../db/queries/workers';
import { CircuitBook } from '../../workflows/autopilot-circuits';
import { createAutopilotActivities } from './autopilot-activities';

let database: OpenedDatabase;
beforeAll(async () => {
  database = await openDatabase({ pgliteDir: 'memory://' });
});
afterAll(async () => database?.close());

const manualTask = async (n: number) => {
  const goal = await seedGoal(database.db);
  const row = taskInput(goal.id, n, { origin: 'manual', dependsOn: [] });
  await upsertTask(database.db, row);
  return row;
};

test('markTaskStatus names the worker by its registered id, the key a pin names it by', async () => {
  const acts = createAutopilotActivities({ db: database.db });
  await registerWorker(database.db, { id: 'id-gpu-box', name: 'gpu-box', url: null, capabilities: ['gpu'], maxConcurrency: 1, taskQueue: 'q-gpu', tokenPrefix: 'p-gpu', tokenHash: 'h' });
  const pinned = await manualTask(1);
  await upsertTask(database.db, { ...pinned, pinnedWorkerId: 'id-gpu-box' });
  await setTaskAgent(database.db, { taskId: pinned.id, agent: 'gpu-box' });

  const ranBy = await acts.markTaskStatus({ taskId: pinned.id, status: 'failed', error: { code: 'task_failed', detail: 'x' } });
  expect(ranBy).toEqual({ agent: 'gpu-box', workerId: 'id-gpu-box' });
  // The workflow's key for this run is the same whether it came from the runner or the pin.
  expect(CircuitBook.workerOf(ranBy.workerId ?? ranBy.agent, 'id-gpu-box')).toBe(CircuitBook.workerOf(undefined, 'id-gpu-box'));
  expect((await getTask(database.db, pinned.id))!.status).toBe('failed');

  const unregistered = await manualTask(2);
  await setTaskAgent(database.db, { taskId: unregistered.id, agent: 'never-registered' });
  expect(await acts.markTaskStatus({ taskId: unregistered.id, status: 'completed' })).toEqual({ agent: 'never-registered', workerId: null });
  const noCommand = await manualTask(3);
  expect(await acts.markTaskStatus({ taskId: noCommand.id, status: 'completed' })).toEqual({ agent: null, workerId: null });
});

test('a manual step and the autopilot claiming the same todo task: exactly one wins, either way round', async () => {
  const acts = createAutopilotActivities({ db: database.db });
  const claim = (id: string) => acts.claimTask({ taskId: id, workflowId: `task-${id}`, attempt: 1 });

  // Both at once, many times: one winner each time.
  for (let i = 10; i < 20; i++) {
    const row = await manualTask(i);
    const [step, autopilot] = await Promise.all([holdTaskForStep(database.db, row.id, { status: 'todo', workflowId: row.workflowId }, `step-${row.id}`), claim(row.id)]);
    expect([step, autopilot].filter(Boolean)).toHaveLength(1);
    expect((await getTask(database.db, row.id))!.status).toBe(step ? 'in_progress' : 'assigned');
  }

  // The step first: the autopilot finds nothing to claim until the step lets go.
  const stepFirst = await manualTask(30);
  expect(await holdTaskForStep(database.db, stepFirst.id, { status: 'todo', workflowId: stepFirst.workflowId }, `step-${stepFirst.id}`)).toBe(true);
  expect(await acts.listRunnableTasks({ limit: 100 })).not.toContainEqual(expect.objectContaining({ id: stepFirst.id }));
  expect(await claim(stepFirst.id)).toBe(false);
  await releaseStepHold(database.db, stepFirst.id, `step-${stepFirst.id}`, { status: 'todo', workflowId: stepFirst.workflowId });
  expect(await getTask(database.db, stepFirst.id)).toMatchObject({ status: 'todo', workflowId: stepFirst.workflowId });
  expect(await claim(stepFirst.id)).toBe(true);

  // The autopilot first: the step's hold fails, and its release leaves the autopilot's claim alone.
  const autopilotFirst = await manualTask(31);
  expect(await claim(autopilotFirst.id)).toBe(true);
  expect(await holdTaskForStep(database.db, autopilotFirst.id, { status: 'todo', workflowId: autopilotFirst.workflowId }, `step-${autopilotFirst.id}`)).toBe(false);
  await releaseStepHold(database.db, autopilotFirst.id, `step-${autopilotFirst.id}`, { status: 'todo', workflowId: autopilotFirst.workflowId });
  expect(await getTask(database.db, autopilotFirst.id)).toMatchObject({ status: 'assigned', workflowId: `task-${autopilotFirst.id}` });
});
