/**
 * Jira admin webhooks: issue created or updated becomes a goal; deletions and other events are
 * acknowledged and ignored. Dedupe on X-Atlassian-Webhook-Identifier, stable across Jira's retries; the
 * issue itself is the `subject`, so an update of an issue already tracked joins its goal.
 */
import { field, ignore, text, type ParseOutcome, type Priority, type SourceParser, type WebhookEvent } from './types';

const ACTED_ON = ['jira:issue_created', 'jira:issue_updated'];
const URGENT = ['highest', 'high', 'critical', 'blocker'];

/** Jira Cloud may send the description as Atlassian Document Format: collect its text nodes. */
function plainText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (!value || typeof value !== 'object') return '';
  const node = value as { text?: unknown; content?: unknown };
  const own = typeof node.text === 'string' ? node.text : '';
  const children = Array.isArray(node.content) ? node.content.map(plainText).filter(Boolean).join('\n') : '';
  return [own, children].filter(Boolean).join('\n');
}

/** The Jira site, so PROJ-7 on two sites are two subjects. */
function siteOf(self: string): string {
  try {
    return new URL(self).host;
  } catch {
    return '';
  }
}

function parse({ body }: WebhookEvent): ParseOutcome {
  const event = text(field(body, 'webhookEvent'));
  if (!ACTED_ON.includes(event)) return ignore(`Jira event ${event || '(none)'} is not acted on`);
  const issue = field(body, 'issue');
  const key = text(field(issue, 'key'));
  const fields = field(issue, 'fields');
  const priority: Priority = URGENT.includes(text(field(fields, 'priority', 'name')).toLowerCase()) ? 'high' : 'medium';
  return {
    kind: 'create',
    tasks: [{ title: `Jira ${key}: ${text(field(fields, 'summary'))}`, description: plainText(field(fields, 'description')), priority }],
    summary: { event, issue: key, project: text(field(fields, 'project', 'key')) },
    subject: `jira:${siteOf(text(field(issue, 'self')))}:${key}`,
  };
}

export const jiraParser: SourceParser = {
  deliveryId: ({ headers }) => headers['x-atlassian-webhook-identifier'],
  parse,
};
