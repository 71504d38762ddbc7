/**
 * Which prompt template shapes an LLM call, read in the LLM worker from the ids the workflow already
 * passes (goal, task, team), the way provider-resolver.ts picks the provider: no workflow change, and
 * no template text in workflow history. The goal's template wins, else the acting role's template in
 * the goal's team, else the team's default template, else none (the built-in prompt alone).
 *
 * The acting role per call: planning and follow-up review are the backlog owner's work (Scrum's
 * Product Owner, Kanban's Service Delivery Manager, whichever the team's type holds); proposing shell
 * steps is the Developer's. A team type may give a role its own template (team_type_roles), which
 * overrides the role's.
 */
import type { Db } from '../../db/client';
import { getPromptTemplateForCall, type PromptTemplateForCall } from '../../db/queries/templates';
import type { LlmPurpose } from './provider';
import { renderPromptTemplate, withTemplateSection, type PromptTemplateValues } from './prompt-template-render';

export const ACTING_ROLES: Record<LlmPurpose, readonly string[]> = {
  plan: ['Product Owner', 'Service Delivery Manager'],
  detect_followups: ['Product Owner', 'Service Delivery Manager'],
  propose_step: ['Developer'],
};

type CallIds = { goalId?: string; taskId?: string; teamId?: string };
type Prompt = { system: string; prompt: string };

export interface PromptTemplatesDeps {
  db: Db;
  /** How long a lookup is reused (default 10 s, as the provider resolver): a changed template reaches workers within it. */
  ttlMs?: number;
  now?(): number;
}

export interface PromptTemplates {
  /** The prompt with the call's template rendered into its system part, or unchanged when none applies. */
  apply(purpose: LlmPurpose, ids: CallIds, values: PromptTemplateValues, prompt: Prompt): Promise<Prompt>;
}

export function createPromptTemplates(deps: PromptTemplatesDeps): PromptTemplates {
  const ttlMs = deps.ttlMs ?? 10_000;
  const now = deps.now ?? Date.now;
  const lookups = new Map<string, { at: number; found: Promise<PromptTemplateForCall | undefined> }>();

  function lookup(purpose: LlmPurpose, ids: CallIds): Promise<PromptTemplateForCall | undefined> {
    const key = `${purpose}|${ids.goalId ?? ''}|${ids.taskId ?? ''}|${ids.teamId ?? ''}`;
    const cached = lookups.get(key);
    if (cached && now() - cached.at < ttlMs) return cached.found;
    if (lookups.size > 1000) for (const [k, v] of lookups) if (now() - v.at >= ttlMs) lookups.delete(k);
    const found = getPromptTemplateForCall(deps.db, ids, ACTING_ROLES[purpose]);
    found.catch(() => lookups.delete(key));
    lookups.set(key, { at: now(), found });
    return found;
  }

  return {
    async apply(purpose, ids, values, prompt) {
      const found = await lookup(purpose, { goalId: ids.goalId, taskId: ids.taskId, teamId: ids.teamId });
      if (!found) return prompt;
      // What the call itself carries wins; the store fills what it does not (a step call has no context).
      const rendered = renderPromptTemplate(found.template.body, {
        team: found.team, role: found.role, context: found.context, priority: found.priority,
        subtasks: found.subtasks?.map((t) => `- ${t}`).join('\n'),
        ...Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)),
      });
      return withTemplateSection(prompt, found.template.name, rendered);
    },
  };
}
