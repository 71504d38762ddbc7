/**
 * Turns parsed webhook tasks into the goal a delivery asks for, with the trigger's team, template and
 * autopilot setting. One task is the goal itself (the planner splits it); several tasks (generic
 * `{tasks:[…]}`) are taken as the plan, so the sender's own breakdown (and its dependencies) is kept.
 */
import type { DeliveryGoalRequest, TriggerSource } from '../../db/schema';
import type { TriggerRow } from '../../db/queries/triggers';
import { GOAL_MAX_CHARS } from '../shared/common.schemas';
import type { ParsedTask } from './parsers';

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export function goalRequestFor(source: TriggerSource, trigger: Pick<TriggerRow, 'teamId' | 'templateId' | 'autopilot'> | undefined, tasks: ParsedTask[], title?: string): DeliveryGoalRequest {
  const priority = tasks.some((t) => t.priority === 'high') ? 'high' : tasks.some((t) => t.priority === 'medium') ? 'medium' : 'low';
  const base = {
    teamId: trigger?.teamId ?? undefined,
    templateId: trigger?.templateId ?? undefined,
    autopilot: trigger?.autopilot ?? true,
  };
  if (tasks.length === 1) {
    const [task] = tasks as [ParsedTask];
    return { ...base, goal: clip(task.title, GOAL_MAX_CHARS), context: clip(`${task.description}\n\nPriority: ${priority}. Source: ${source} webhook.`.trim(), 20_000) };
  }
  return {
    ...base,
    goal: clip(title ?? tasks.map((t) => t.title).join('; '), GOAL_MAX_CHARS),
    context: `Priority: ${priority}. Source: ${source} webhook.`,
    plan: tasks.map((t, i) => ({ id: `s${i + 1}`, title: clip(t.title, 200), description: t.description, dependsOn: (t.dependsOn ?? []).map((j) => `s${j + 1}`) })),
  };
}
