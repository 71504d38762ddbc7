/**
 * Slack Events API: `url_verification` echoes the challenge; an `event_callback` carrying a person's
 * message becomes a goal. Bot messages and edits (any subtype) are ignored so a bot reply cannot loop
 * back into work. Dedupe on `event_id`, which Slack keeps across its retries (X-Slack-Retry-Num).
 */
import { field, ignore, text, type ParseOutcome, type SourceParser, type WebhookEvent } from './types';

function parse({ body }: WebhookEvent): ParseOutcome {
  const type = text(field(body, 'type'));
  if (type === 'url_verification') return { kind: 'challenge', challenge: text(field(body, 'challenge')) };
  if (type !== 'event_callback') return ignore(`Slack payload type ${type || '(none)'} is not acted on`);
  const event = field(body, 'event');
  const eventType = text(field(event, 'type'));
  if (eventType !== 'message' && eventType !== 'app_mention') return ignore(`Slack event ${eventType || '(none)'} is not acted on`);
  if (field(event, 'subtype') !== undefined || field(event, 'bot_id') !== undefined) return ignore('bot messages and message edits are not acted on');
  const message = text(field(event, 'text')).trim();
  if (!message) return ignore('the message is empty');
  const channel = text(field(event, 'channel'));
  return {
    kind: 'create',
    tasks: [{ title: message.split('\n')[0]!.slice(0, 200), description: `${message}\n\n(Slack channel ${channel}, user ${text(field(event, 'user'))})`, priority: 'medium' }],
    summary: { type, event: eventType, channel, team: text(field(body, 'team_id')) },
  };
}

export const slackParser: SourceParser = {
  deliveryId: ({ body }) => text(field(body, 'event_id')) || undefined,
  parse,
};
