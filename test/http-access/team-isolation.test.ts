/**
 * Team isolation over HTTP, for every route group with team-owned resources. An operator of team A
 * (by login and by API key) never sees or touches team B's goals, tasks or triggers: every route on
 * one of B's resources answers exactly as for an id that does not exist (404, never 403, so ids do not
 * leak), lists leave B's rows out, and nothing can be created for B. The per-resource cases are
 * generated from the mounted route objects (api/routes.ts), so a route added under /goals/:id,
 * /tasks/:id or /triggers/:id — or a new write that takes a teamId — is covered automatically.
 * Goals started here never run (their task queues have this file's own prefix, with no worker); the
 * rows and their teams are all scoping needs.
 */
import { z } from 'zod';
import { allRoutes } from '../../api/routes';
import type { AnyRoute } from '../../api/http/route';
import { json, startTestApi, type TestApi } from '../../api/test-support/test-api';

const PASSWORD = 'isolation-password';
const routes = allRoutes('team-isolation');
const name = (r: AnyRoute) => `${r.method.toUpperCase()} ${r.path}`;

/** Valid bodies for routes that need one, so the scope check — not validation — decides the answer. */
const SAMPLE_BODIES: Record<string, unknown> = {
  raiseBudget: { maxTokens: 10_000_000 },
  approveTask: { decision: 'reject' },
  approveTaskStep: { decision: 'reject' },
  updateTask: { priority: 'low' },
  createTaskFollowups: { items: [{ description: 'A follow-up filed into another team' }] },
  createTask: { description: 'A task for another team' },
  updateTrigger: { enabled: false },
  createGoal: { goal: 'A goal for another team' },
  createTrigger: { source: 'generic', name: 'a trigger for another team' },
  planGoal: { goal: 'Plan work for another team', createTasks: false },
};

/** The top-level property names a route's input schema accepts (zod → JSON Schema, input side). */
function keysOf(schema: unknown): string[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, unknown> };
  return Object.keys(json.properties ?? {});
}

let api: TestApi;
const ids = { teamA: '', teamB: '', goalA: '', goalB: '', taskA: '', taskB: '', triggerA: '', triggerB: '' };
const operators: Record<string, string> = {};

/** The resource groups an operator is scoped in, with an id of A's and of B's. */
const GROUPS = [
  { listPath: '/goals', a: () => ids.goalA, b: () => ids.goalB },
  { listPath: '/tasks', a: () => ids.taskA, b: () => ids.taskB },
  { listPath: '/triggers', a: () => ids.triggerA, b: () => ids.triggerB },
];

const send = (token: string, method: string, path: string, body?: unknown) =>
  api.request(method, path, { token, body: method === 'GET' ? undefined : (body ?? {}) });

async function outcome(res: Response): Promise<{ status: number; code?: string; text: string }> {
  if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    await res.body?.cancel();
    return { status: res.status, text: '' };
  }
  const text = await res.text();
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { code?: string }).code;
  } catch {
    // not JSON
  }
  return { status: res.status, code, text };
}

beforeAll(async () => {
  api = await startTestApi({ env: { ANANTA_TASK_QUEUE_PREFIX: 'team-isolation-test' }, options: { queryTimeoutMs: 300, planTimeoutMs: 1500, sseHeartbeatMs: 200 } });
  const post = async (path: string, body: unknown) => {
    const res = await api.request('POST', path, { body });
    const out = await json(res);
    if (res.status >= 300) throw new Error(`${path} → ${res.status} ${JSON.stringify(out)}`);
    return out;
  };
  // Scrum setup gives each team todo tasks (rows of the store) to scope.
  const scrumA = await post('/teams/setup-scrum', { name: 'isolation-A' });
  const scrumB = await post('/teams/setup-scrum', { name: 'isolation-B' });
  Object.assign(ids, { teamA: scrumA.team.id, teamB: scrumB.team.id, taskA: scrumA.taskIds[0], taskB: scrumB.taskIds[0] });
  ids.goalA = (await post('/goals', { goal: 'Goal of team A', teamId: ids.teamA })).id;
  ids.goalB = (await post('/goals', { goal: 'Goal of team B', teamId: ids.teamB })).id;
  ids.triggerA = (await post('/triggers', { source: 'generic', name: 'trigger of A', teamId: ids.teamA })).id;
  ids.triggerB = (await post('/triggers', { source: 'generic', name: 'trigger of B', teamId: ids.teamB })).id;
  await post('/users', { username: 'iso-operator', password: PASSWORD, role: 'operator', teamIds: [ids.teamA] });
  operators['operator of A (login)'] = (await json(await api.request('POST', '/login', { token: null, body: { username: 'iso-operator', password: PASSWORD } }))).accessToken;
  operators['operator of A (API key)'] = (await post('/api-keys', { name: 'iso key', role: 'operator', teamIds: [ids.teamA] })).key;
});
afterAll(async () => api?.close());

const WHO = ['operator of A (login)', 'operator of A (API key)'];

describe.each(GROUPS.map((g) => [g.listPath, g] as const))('%s', (listPath, group) => {
  const perResource = routes.filter((r) => r.path.startsWith(`${listPath}/:id`));

  test('the group has routes on one resource (else this table is stale)', () => {
    expect(perResource.length).toBeGreaterThan(0);
  });

  test.each(WHO)('%s: lists hold A\'s rows and never B\'s; ?teamId=B is empty', async (who) => {
    const page = await json(await send(operators[who]!, 'GET', `${listPath}?limit=200`));
    const listed = (page.items as { id: string }[]).map((i) => i.id);
    expect(listed).toContain(group.a());
    expect(listed).not.toContain(group.b());
    const forB = await send(operators[who]!, 'GET', `${listPath}?teamId=${ids.teamB}`);
    expect(forB.status).toBe(200);
    expect((await json(forB)).items).toEqual([]);
  });

  test.each(WHO)('%s: A\'s own resource is readable (the 404s below are about scope, not a broken route)', async (who) => {
    expect((await send(operators[who]!, 'GET', `${listPath}/${group.a()}`)).status).toBe(200);
  });

  describe.each(perResource.map((r) => [name(r), r] as const))('%s', (_label, route) => {
    test.each(WHO)('%s: B\'s id answers exactly like a missing id', async (who) => {
      const token = operators[who]!;
      const method = route.method.toUpperCase();
      const body = SAMPLE_BODIES[route.operationId];
      const onB = await outcome(await send(token, method, route.path.replace(':id', group.b()), body));
      const onMissing = await outcome(await send(token, method, route.path.replace(':id', 'no-such-id'), body));
      // The same answer, word for word, once the id itself and the request id are set aside.
      const same = (o: { text: string }, id: string) => o.text.replaceAll(id, '<id>').replace(/"requestId":"[^"]*"/, '');
      expect(same(onB, group.b())).toEqual(same(onMissing, 'no-such-id'));
      expect({ status: onB.status, code: onB.code }).toEqual({ status: onMissing.status, code: onMissing.code });
      // With a body the route accepts (or none), the scope check itself answers: 404.
      if (!route.body || body !== undefined) expect([name(route), onB.status, onB.code]).toEqual([name(route), 404, 'not_found']);
    });
  });
});

describe('B\'s resources are unchanged after all of the above', () => {
  test('goal B is not paused or cancelled; trigger B is still enabled', async () => {
    const goal = await json(await api.request('GET', `/goals/${ids.goalB}`));
    expect(['paused', 'cancelled']).not.toContain(goal.status);
    const trigger = await json(await api.request('GET', `/triggers/${ids.triggerB}`));
    expect(trigger.enabled).toBe(true);
  });
});

/**
 * Sends the route's sample body (or, for a route without one, just `fields`) with `fields` on top. A
 * route that refuses the bare fields as invalid needs an entry in SAMPLE_BODIES: said plainly.
 */
async function sendWith(route: AnyRoute, token: string, fields: Record<string, unknown>) {
  const sample = SAMPLE_BODIES[route.operationId];
  const res = await outcome(await send(token, route.method.toUpperCase(), route.path, { ...(sample as object | undefined), ...fields }));
  if (sample === undefined && (res.status === 400 || res.status === 422)) {
    throw new Error(`${name(route)} refused ${JSON.stringify(fields)} alone (${res.status} ${res.code}): add a valid body for ${route.operationId} to SAMPLE_BODIES`);
  }
  return res;
}

/** Writes (not on one resource) that name a team in their body: for team B → 404, for every such route. */
const teamWrites = routes.filter((r) => r.method !== 'get' && !r.path.includes(':') && keysOf(r.body).includes('teamId') && !r.roles?.every((x) => x === 'admin'));

describe.each(teamWrites.map((r) => [name(r), r] as const))('%s with teamId of B', (label, route) => {
  test.each(WHO)('%s → 404', async (who) => {
    const res = await sendWith(route, operators[who]!, { teamId: ids.teamB });
    expect([label, res.status, res.code]).toEqual([label, 404, 'not_found']);
  });
});

/** A new task under one of B's tasks would land in team B (a child takes its parent's team). */
const childWrites = routes.filter((r) => r.method !== 'get' && !r.path.includes(':') && keysOf(r.body).includes('parentTaskId'));

describe.each(childWrites.map((r) => [name(r), r] as const))('%s with parentTaskId of B', (label, route) => {
  test.each(WHO)('%s → 404', async (who) => {
    const res = await sendWith(route, operators[who]!, { parentTaskId: ids.taskB });
    expect([label, res.status, res.code]).toEqual([label, 404, 'not_found']);
  });
});

/** Reads that take ?teamId but are not one of the lists above (autopilot status, …): B → 404. */
const teamReads = routes.filter((r) => r.method === 'get' && !GROUPS.some((g) => g.listPath === r.path) && keysOf(r.query).includes('teamId'));

describe.each(teamReads.map((r) => [name(r), r] as const))('%s?teamId=B', (label, route) => {
  test.each(WHO)('%s → 404', async (who) => {
    const res = await outcome(await send(operators[who]!, 'GET', `${route.path}?teamId=${ids.teamB}`));
    expect([label, res.status, res.code]).toEqual([label, 404, 'not_found']);
  });
});

describe('team lists', () => {
  test.each(WHO)('%s: GET /teams shows team A only', async (who) => {
    const teams = (await json(await send(operators[who]!, 'GET', '/teams?limit=200'))).items as { id: string }[];
    expect(teams.map((t) => t.id)).toEqual([ids.teamA]);
  });
});

describe('an operator of several teams gets full pages of goals', () => {
  test('the scope is applied in the query: limit=2 gives 2 of its goals, paging finds them all and none of B', async () => {
    const admin = (path: string, body: unknown) => api.request('POST', path, { body }).then(json);
    const teamC = (await admin('/teams', { name: 'isolation-C' })).id as string;
    await admin('/users', { username: 'iso-multi', password: PASSWORD, role: 'operator', teamIds: [ids.teamA, teamC] });
    const token = (await json(await api.request('POST', '/login', { token: null, body: { username: 'iso-multi', password: PASSWORD } }))).accessToken as string;
    // Two of C's and A's own: three goals in scope, so limit=2 must leave a next page.
    const mine = [(await admin('/goals', { goal: 'C first', teamId: teamC })).id as string, (await admin('/goals', { goal: 'C second', teamId: teamC })).id as string];
    // The newest goals are B's: filtered after the query, the first page would come back short (or empty).
    for (let i = 0; i < 3; i++) await admin('/goals', { goal: `B newer ${i}`, teamId: ids.teamB });

    const first = await json(await send(token, 'GET', '/goals?limit=2'));
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const seen: string[] = [];
    for (let page = first; ; page = await json(await send(token, 'GET', `/goals?limit=2&cursor=${page.nextCursor}`))) {
      for (const g of page.items as { id: string; teamId: string }[]) {
        expect([ids.teamA, teamC]).toContain(g.teamId);
        seen.push(g.id);
      }
      if (!page.nextCursor) break;
    }
    expect(seen).toEqual(expect.arrayContaining([...mine, ids.goalA]));
    expect(seen).not.toContain(ids.goalB);
  });
});

describe('templates of another team', () => {
  // An operator of A must not read team B's prompts; shared templates (no team) stay visible to all.
  let templateB: string;
  let shared: string;
  beforeAll(async () => {
    const created = await api.request('POST', '/templates', { body: { name: 'iso-template-B', body: 'Secret plan of B: {{goal}}', teamId: ids.teamB } });
    templateB = (await json(created)).id;
    expect(templateB).toEqual(expect.any(String));
    shared = (await json(await api.request('POST', '/templates', { body: { name: 'iso-template-shared', body: 'For everyone: {{goal}}' } }))).id;
    expect(shared).toEqual(expect.any(String));
  });

  test('an admin lists it (the check below looks at a real row)', async () => {
    const listed = (await json(await api.request('GET', '/templates?limit=200'))).items as { id: string }[];
    expect(listed.map((t) => t.id)).toContain(templateB);
  });

  test.each(WHO)('%s: GET /templates does not list a template of team B', async (who) => {
    const listed = (await json(await send(operators[who]!, 'GET', '/templates?limit=200'))).items as { name: string; teamId: string | null }[];
    expect(listed.filter((t) => t.teamId === ids.teamB)).toEqual([]);
  });

  test.each(WHO)('%s: GET /templates lists the shared template', async (who) => {
    const listed = (await json(await send(operators[who]!, 'GET', '/templates?limit=200'))).items as { id: string }[];
    expect(listed.map((t) => t.id)).toContain(shared);
  });
});

describe('the live event stream', () => {
  const startedAt = new Date(Date.now() - 60_000).toISOString();

  /** Reads GET /events/stream (resumed from before this file's rows were made) until `until` holds. */
  async function readStream(token: string, until: (text: string) => boolean): Promise<string> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 20_000);
    let text = '';
    try {
      const res = await fetch(`${api.url}/events/stream`, { headers: { authorization: `Bearer ${token}`, 'last-event-id': startedAt }, signal: controller.signal });
      expect(res.status).toBe(200);
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      while (!until(text)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += value;
      }
    } catch (err) {
      if (!controller.signal.aborted) throw err;
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
    return text;
  }

  /** Everything up to the poll that carried `id` is in: a heartbeat comment follows the poll that sent it. */
  const pastPollOf = (id: string) => (t: string) => t.includes(id) && t.indexOf(': heartbeat', t.indexOf(id)) >= 0;
  let marker: string;
  beforeAll(async () => {
    // Written after every row of B, so the poll that carries it has carried (or withheld) all of B's.
    marker = (await json(await api.request('POST', '/goals', { body: { goal: 'Marker goal of team A', teamId: ids.teamA } }))).id;
  });

  test.each(WHO)("%s: carries A's goals and tasks and never B's", async (who) => {
    const text = await readStream(operators[who]!, pastPollOf(marker));
    expect(text).toContain(marker);
    expect(text).toContain(ids.goalA);
    expect(text).toContain(ids.taskA);
    expect(text).not.toContain(ids.goalB);
    expect(text).not.toContain(ids.taskB);
    expect(text).not.toContain(ids.teamB);
  });

  test('an admin sees B as well (the check above looks at real rows)', async () => {
    const text = await readStream(await api.adminToken(), pastPollOf(marker));
    expect(text).toContain(ids.goalB);
    expect(text).toContain(ids.taskB);
  });
});
