/**
 * What a parser makes of a verified delivery: work to create, an event to acknowledge and ignore (with
 * the reason, for the sender's delivery log), a ping, or Slack's URL-verification challenge. Parsers
 * are pure: headers and the parsed JSON body in, a decision out.
 */
export type Priority = 'low' | 'medium' | 'high';

export interface ParsedTask {
  title: string;
  description: string;
  priority: Priority;
  /** Indexes (0-based) of the tasks of the same delivery this one waits for (generic `{tasks:[…]}`). */
  dependsOn?: number[];
}

export interface WebhookEvent {
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  body: unknown;
}

export type ParseOutcome =
  /**
   * `subject` names the thing the work is about when later events should join the same goal instead of
   * starting another (a Jira issue); the goal id is then derived from it rather than from the delivery.
   */
  | { kind: 'create'; tasks: ParsedTask[]; summary: Record<string, unknown>; subject?: string }
  | { kind: 'ignore'; reason: string; summary?: Record<string, unknown> }
  | { kind: 'ping'; reason: string }
  | { kind: 'challenge'; challenge: string };

export interface SourceParser {
  /** The provider's id for this delivery (the dedupe key), if it sent one. */
  deliveryId(event: WebhookEvent): string | undefined;
  parse(event: WebhookEvent): ParseOutcome;
}

/** Reads a nested field without trusting the payload's shape. */
export function field(value: unknown, ...path: string[]): unknown {
  let v = value;
  for (const key of path) {
    if (!v || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

export const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A string or number field as text (an issue number), '' for anything else. */
export const scalar = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

export const ignore = (reason: string): ParseOutcome => ({ kind: 'ignore', reason });
