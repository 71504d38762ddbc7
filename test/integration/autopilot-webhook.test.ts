/**
 * Webhook-created tasks run by the team autopilot, end to end over HTTP on the real Temporal server
 * and store: a signed generic delivery to a target:'tasks' trigger of team T files five tasks with
 * dependencies; T's autopilot, started over the API with maxConcurrency 2, runs them so that each
 * starts only after its dependencies completed (from the times the tasks themselves recorded), with
 * at most two, and at some moment exactly two, in flight.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LlmRequest } from '../../activities/llm/provider';
import type { ProposeStepInput } from '../../core/types';
import { eventually, json, startTestApi, type TestApi } from '../../api/test-support/test-api';
import { signedDelivery } from '../../api/triggers/test-support/webhook-api';
import { createScriptedProvider } from '../fakes/scripted-provider';
import { startPlatform, type Platform } from '../support/platform';

/** Each task appends `start-<id> <ns>` and `end-<id> <ns>` to times.txt (id = the title's first word). */
function stepAnswer(request: LlmRequest): unknown {
  const input = request.input as ProposeStepInput;
  const id = input.title.split(' ')[0];
  if (input.history.length === 0) {
    return { kind: 'command', reasoning: 'record the times', command: `echo start-${id} $(date +%s%N) >> times.txt; sleep 2; echo end-${id} $(date +%s%N) >> times.txt` };
  }
  return { kind: 'done', success: input.history[0].exitCode === 0, summary: `${id} done` };
}

let platform: Platform;
let api: TestApi;

beforeAll(async () => {
  platform = await startPlatform({ provider: createScriptedProvider({ propose_step: stepAnswer }) });
  await platform.startWorkers();
  api = await startTestApi({ platform });
});
afterAll(async () => {
  await api?.close();
  await platform?.close();
});

const req = async (method: string, p: string, body?: unknown) => {
  const res = await api.request(method, p, { body });
  return { status: res.status, body: await json(res) };
};

test('a signed webhook files tasks that the team autopilot runs in dependency order, never more than 2 at once', async () => {
  const teamId = (await req('POST', '/teams', { name: 'Webhook autopilot team' })).body.id as string;
  const secret = 'autopilot-webhook-secret';
  const trigger = await req('POST', '/triggers', { source: 'generic', name: 'team tasks', secret, teamId, target: 'tasks' });
  expect(trigger.status).toBe(201);

  const payload = {
    tasks: [
      { id: 'a', title: 'a fetch sources', description: 'fetch' },
      { id: 'b', title: 'b prepare environment', description: 'prepare' },
      { id: 'c', title: 'c build', description: 'build', dependsOn: ['a'] },
      { id: 'd', title: 'd test', description: 'test', dependsOn: ['a', 'b'] },
      { id: 'e', title: 'e release', description: 'release', dependsOn: ['c', 'd'] },
    ],
  };
  const delivery = await signedDelivery('generic', secret, payload);
  const res = await api.request('POST', `/triggers/webhook/generic/${trigger.body.id}`, { token: null, body: delivery.body, headers: delivery.headers });
  expect(res.status).toBe(202);
  const { taskIds } = await json(res);
  expect(taskIds).toHaveLength(5);
  const letter = new Map<string, string>((taskIds as string[]).map((id, i) => [id, 'abcde'[i]!]));

  const started = await req('POST', '/tasks/autopilot/start', { teamId, maxConcurrency: 2, securityLevel: 'aggressive' });
  expect(started.status).toBe(200);
  expect(started.body).toMatchObject({ teamId, running: true, maxConcurrency: 2 });

  const rows = await eventually(
    async () => (await req('GET', `/tasks?teamId=${teamId}`)).body.items as Array<{ id: string; status: string; dependsOn: string[] }>,
    (items) => items.length === 5 && items.every((t) => ['completed', 'failed', 'cancelled'].includes(t.status)),
    150_000,
  );
  expect(rows.map((t) => t.status)).toEqual(Array(5).fill('completed'));

  // The times each task recorded in its (team backlog's) workspace.
  const times = new Map<string, bigint>();
  const file = path.join(platform.config.workspacesDir, `backlog-${teamId}`, 'times.txt');
  for (const line of fs.readFileSync(file, 'utf8').trim().split('\n')) {
    const [mark, ns] = line.split(' ');
    times.set(mark!, BigInt(ns!));
  }
  expect(times.size).toBe(10);
  for (const row of rows) {
    for (const dep of row.dependsOn) {
      expect([`${letter.get(row.id)} after ${letter.get(dep)}`, times.get(`start-${letter.get(row.id)}`)! > times.get(`end-${letter.get(dep)}`)!])
        .toEqual([`${letter.get(row.id)} after ${letter.get(dep)}`, true]);
    }
  }
  // The most tasks between their start and end marks at once, swept over the recorded times.
  const marks = [...times.entries()].sort((x, y) => (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));
  let open = 0;
  let most = 0;
  for (const [mark] of marks) {
    open += mark.startsWith('start-') ? 1 : -1;
    most = Math.max(most, open);
  }
  expect(most).toBe(2);

  const status = await eventually(() => req('GET', `/tasks/autopilot/status?teamId=${teamId}`), (s) => s.body.completed === 5);
  expect(status.body).toMatchObject({ running: true, started: 5, completed: 5, failed: 0, inFlight: [], maxObservedInFlight: 2 });
  expect((await req('POST', '/tasks/autopilot/stop', { teamId })).status).toBe(200);
  await eventually(() => req('GET', `/tasks/autopilot/status?teamId=${teamId}`), (s) => s.body.status === 'stopped');
});
