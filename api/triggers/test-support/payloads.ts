/**
 * Real payload shapes for the webhook tests: GitHub's published examples (@octokit/webhooks-examples),
 * Slack Events API and Jira webhook bodies as their documentation shows them.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const definitions = require('@octokit/webhooks-examples') as Array<{ name: string; examples: Array<Record<string, unknown>> }>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function githubExample(event: string, action?: string): Record<string, any> {
  const examples = definitions.find((d) => d.name === event)?.examples ?? [];
  const example = examples.find((e) => action === undefined || e.action === action);
  if (!example) throw new Error(`no GitHub example for ${event}.${action}`);
  return structuredClone(example);
}

/** https://api.slack.com/apis/events-api#callback-field (message.channels). */
export function slackMessageEvent(eventId: string, text: string) {
  return {
    token: 'XXYYZZ',
    team_id: 'T123ABC456',
    api_app_id: 'A123ABC456',
    event: { type: 'message', channel: 'C123ABC456', user: 'U123ABC456', text, ts: '1355517523.000005', event_ts: '1355517523.000005', channel_type: 'channel' },
    type: 'event_callback',
    authed_users: ['U123ABC456'],
    event_id: eventId,
    event_time: 1355517523,
  };
}

/** https://developer.atlassian.com/server/jira/platform/webhooks/ (issue events, Cloud ADF description). */
export function jiraIssueEvent(webhookEvent: string, key = 'PROJ-7') {
  return {
    timestamp: 1700000000000,
    webhookEvent,
    issue_event_type_name: webhookEvent === 'jira:issue_created' ? 'issue_created' : 'issue_generic',
    user: { accountId: '5b10a2844c20165700ede21g', displayName: 'Mia Krystof' },
    issue: {
      id: '10002',
      self: 'https://example.atlassian.net/rest/api/3/issue/10002',
      key,
      fields: {
        summary: 'Checkout times out',
        priority: { name: 'High', id: '2' },
        project: { key: 'PROJ', name: 'Project' },
        issuetype: { name: 'Bug' },
        description: {
          type: 'doc',
          version: 1,
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Payment provider call hangs after 30 s.' }] }],
        },
      },
    },
  };
}
