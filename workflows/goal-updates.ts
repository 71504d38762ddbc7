/**
 * Outside news about a goal's subject (a tracked Jira issue edited: GoalState.externalUpdates) as the
 * LLM sees it. The prompts are built from the activity inputs' `goal` field, so the news travels as an
 * appendix to that field: the follow-up detection gets it from the goal, each subtask gets the news
 * known when it starts (TaskInput.externalUpdates) and later news through goalUpdatesSignal, so its
 * next step proposal sees it too. Only the short summaries enter history, at most the 20 kept.
 */
import { defineSignal } from '@temporalio/workflow';
import type { ExternalUpdate } from '../core/types';

/** The goal's news so far, sent to its running subtasks whenever an update arrives. */
export const goalUpdatesSignal = defineSignal<[ExternalUpdate[]]>('goalUpdates');

/** What a subtask's input carries besides TaskInput: the news known when it started. */
export interface GoalNews {
  externalUpdates?: ExternalUpdate[];
}

/** The most news and the longest summary that enter a prompt. */
const NEWS_KEPT = 20;
const SUMMARY_CHARS = 300;

/** The goal's text with its news appended (unchanged when there is none). */
export function goalWithUpdates(goal: string, updates: ExternalUpdate[] | undefined): string {
  if (!updates?.length) return goal;
  const lines = updates.slice(-NEWS_KEPT).map((u) => {
    const summary = u.summary.length > SUMMARY_CHARS ? `${u.summary.slice(0, SUMMARY_CHARS - 1)}…` : u.summary;
    return `- ${u.receivedAt} (${u.source}): ${summary}`;
  });
  return `${goal}\n\nUpdates about this goal's subject received since it started (oldest first; take them into account):\n${lines.join('\n')}`;
}
