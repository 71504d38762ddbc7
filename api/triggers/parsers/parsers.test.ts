/** Parsers as pure functions, table-tested on GitHub's published examples and on documented shapes. */
import { PARSERS, type ParseOutcome } from '.';
import { githubExample, jiraIssueEvent, slackMessageEvent } from '../test-support/payloads';

const github = (event: string, body: unknown): ParseOutcome => PARSERS.github.parse({ headers: { 'x-github-event': event }, body });

describe('github', () => {
  test.each([
    ['issues', 'opened', 'create'],
    ['issues', 'reopened', 'create'],
    ['issues', 'labeled', 'create'],
    ['issues', 'edited', 'ignore'],
    ['issues', 'deleted', 'ignore'],
    ['pull_request', 'opened', 'create'],
    ['pull_request', 'synchronize', 'create'],
    ['pull_request', 'ready_for_review', 'create'],
    ['pull_request', 'closed', 'ignore'],
  ])('%s.%s → %s', (event, action, kind) => {
    expect(github(event, githubExample(event, action)).kind).toBe(kind);
  });

  test('a bug-labelled issue is high priority and names the repository and number', () => {
    const body = githubExample('issues', 'opened');
    const outcome = github('issues', body);
    if (outcome.kind !== 'create') throw new Error(outcome.kind);
    expect(outcome.tasks[0]).toMatchObject({ priority: 'high' });
    expect(outcome.tasks[0]!.title).toContain(`${body.repository.full_name}#${body.issue.number}`);
    const unlabelled = { ...body, issue: { ...body.issue, labels: [{ name: 'docs' }] } };
    expect(github('issues', unlabelled)).toMatchObject({ tasks: [{ priority: 'medium' }] });
  });

  test('a pull request becomes a review goal; ping is answered; other events are ignored with a reason', () => {
    expect(github('pull_request', githubExample('pull_request', 'opened'))).toMatchObject({ tasks: [{ title: expect.stringMatching(/^Review pull request /) }] });
    expect(github('ping', githubExample('ping')).kind).toBe('ping');
    expect(github('star', {})).toEqual({ kind: 'ignore', reason: 'GitHub event star is not acted on' });
  });
});

describe('slack', () => {
  const parse = (body: unknown) => PARSERS.slack.parse({ headers: {}, body });
  test('url_verification echoes the challenge', () => {
    expect(parse({ type: 'url_verification', token: 't', challenge: 'abc123' })).toEqual({ kind: 'challenge', challenge: 'abc123' });
  });
  test('a message event becomes a goal; its event_id is the delivery id', () => {
    const body = slackMessageEvent('Ev1', 'Fix the login page\nit 500s on submit');
    expect(parse(body)).toMatchObject({ kind: 'create', tasks: [{ title: 'Fix the login page' }] });
    expect(PARSERS.slack.deliveryId({ headers: {}, body })).toBe('Ev1');
  });
  test.each([
    ['a bot message', { ...slackMessageEvent('Ev2', 'hi'), event: { type: 'message', bot_id: 'B1', text: 'hi' } }],
    ['an edit', { ...slackMessageEvent('Ev3', 'hi'), event: { type: 'message', subtype: 'message_changed', text: 'hi' } }],
    ['a reaction', { ...slackMessageEvent('Ev4', 'hi'), event: { type: 'reaction_added' } }],
    ['an app rate-limit notice', { type: 'app_rate_limited' }],
  ])('%s is ignored', (_label, body) => {
    expect(parse(body).kind).toBe('ignore');
  });
});

describe('jira', () => {
  const parse = (body: unknown) => PARSERS.jira.parse({ headers: {}, body });
  test.each([
    ['jira:issue_created', 'create'],
    ['jira:issue_updated', 'create'],
    ['jira:issue_deleted', 'ignore'],
    ['comment_created', 'ignore'],
  ])('%s → %s', (event, kind) => {
    expect(parse(jiraIssueEvent(event)).kind).toBe(kind);
  });
  test('an ADF description is flattened to text; High priority is high', () => {
    expect(parse(jiraIssueEvent('jira:issue_created'))).toMatchObject({
      tasks: [{ title: 'Jira PROJ-7: Checkout times out', description: expect.stringContaining('Payment provider call hangs'), priority: 'high' }],
    });
  });
});

describe('generic', () => {
  const parse = (body: unknown) => PARSERS.generic.parse({ headers: {}, body });
  test.each([
    [{ goal: 'Ship it' }, 1],
    [{ title: 'Fix X', description: 'details' }, 1],
    [{ tasks: [{ description: 'one' }, { title: 'Two', description: 'two', priority: 'high' }] }, 2],
  ])('%j → %i task(s)', (body, count) => {
    const outcome = parse(body);
    expect(outcome.kind).toBe('create');
    if (outcome.kind === 'create') expect(outcome.tasks).toHaveLength(count);
  });
  test('priority is read in any case, medium by default', () => {
    expect(parse({ title: 'Bug', description: 'x', priority: 'High' })).toMatchObject({ tasks: [{ priority: 'high' }] });
    expect(parse({ goal: 'g' })).toMatchObject({ tasks: [{ priority: 'medium' }] });
  });
  test.each([[{}], [{ goal: '' }], [{ tasks: [] }], [[1, 2]], ['text']])('%j is ignored with the expected shapes', (body) => {
    expect(parse(body)).toEqual({ kind: 'ignore', reason: 'expected {goal}, {title, description} or {tasks:[…]}' });
  });
});
