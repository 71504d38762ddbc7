/**
 * GitHub: issues opened/reopened/labeled become a goal (high priority when labelled bug or critical),
 * pull requests opened/synchronize/ready_for_review become a review goal, `ping` is answered. Dedupe on
 * X-GitHub-Delivery, which GitHub keeps when it redelivers.
 */
import { field, ignore, scalar, text, type ParseOutcome, type Priority, type SourceParser, type WebhookEvent } from './types';

const ISSUE_ACTIONS = ['opened', 'reopened', 'labeled'];
const PR_ACTIONS = ['opened', 'synchronize', 'ready_for_review'];
const URGENT_LABELS = ['bug', 'critical'];

function labelPriority(labels: unknown): Priority {
  const names = Array.isArray(labels) ? labels.map((l) => text(field(l, 'name')).toLowerCase()) : [];
  return names.some((n) => URGENT_LABELS.includes(n)) ? 'high' : 'medium';
}

function parse({ headers, body }: WebhookEvent): ParseOutcome {
  const event = headers['x-github-event'] ?? '';
  const action = text(field(body, 'action'));
  const repo = text(field(body, 'repository', 'full_name'));
  if (event === 'ping') return { kind: 'ping', reason: 'ping answered' };
  if (event === 'issues') {
    if (!ISSUE_ACTIONS.includes(action)) return ignore(`issues.${action} is not acted on`);
    const issue = field(body, 'issue');
    const number = field(issue, 'number');
    return {
      kind: 'create',
      tasks: [
        {
          title: `Resolve GitHub issue ${repo}#${scalar(number)}: ${text(field(issue, 'title'))}`,
          description: [text(field(issue, 'body')), text(field(issue, 'html_url'))].filter(Boolean).join('\n\n'),
          priority: labelPriority(field(issue, 'labels')),
        },
      ],
      summary: { event, action, repository: repo, number },
    };
  }
  if (event === 'pull_request') {
    if (!PR_ACTIONS.includes(action)) return ignore(`pull_request.${action} is not acted on`);
    const pr = field(body, 'pull_request');
    const number = field(pr, 'number');
    return {
      kind: 'create',
      tasks: [
        {
          title: `Review pull request ${repo}#${scalar(number)}: ${text(field(pr, 'title'))}`,
          description: [text(field(pr, 'body')), text(field(pr, 'html_url'))].filter(Boolean).join('\n\n'),
          priority: 'medium',
        },
      ],
      summary: { event, action, repository: repo, number },
    };
  }
  return ignore(`GitHub event ${event || '(none)'} is not acted on`);
}

export const githubParser: SourceParser = {
  deliveryId: ({ headers }) => headers['x-github-delivery'],
  parse,
};
