/** Follow-up acceptance: dedupe on normalised text, and respect depth and size limits. */
import type { FollowupSuggestion, GoalBudget, SubtaskState } from '../core/types';

export const normaliseTaskText = (text: string): string =>
  text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

export interface FollowupDecision {
  accepted: FollowupSuggestion[];
  skipped: { description: string; reason: 'duplicate' | 'empty_description' | 'max_depth' | 'max_subtasks' }[];
}

export function acceptFollowups(
  suggestions: FollowupSuggestion[],
  existing: SubtaskState[],
  parentDepth: number,
  budget: GoalBudget,
): FollowupDecision {
  const seen = new Set(existing.flatMap((s) => [normaliseTaskText(s.title), normaliseTaskText(s.description)]));
  const decision: FollowupDecision = { accepted: [], skipped: [] };
  let size = existing.length;
  for (const suggestion of suggestions) {
    const key = normaliseTaskText(suggestion.description);
    if (!key) decision.skipped.push({ description: suggestion.description, reason: 'empty_description' });
    else if (seen.has(key)) decision.skipped.push({ description: suggestion.description, reason: 'duplicate' });
    else if (parentDepth + 1 > budget.maxFollowupDepth) decision.skipped.push({ description: suggestion.description, reason: 'max_depth' });
    else if (size >= budget.maxSubtasks) decision.skipped.push({ description: suggestion.description, reason: 'max_subtasks' });
    else {
      seen.add(key);
      size += 1;
      decision.accepted.push(suggestion);
    }
  }
  return decision;
}
