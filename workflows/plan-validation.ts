/**
 * Checks a plan before any work starts: unique ids, known dependencies, no cycle, and at most
 * maxSubtasks. Pure, so the goal workflow and the API share it.
 */
import type { PlannedSubtask } from '../core/types';

export type PlanProblemCode = 'empty_plan' | 'duplicate_subtask_id' | 'missing_dependencies' | 'dependency_cycle_detected' | 'too_many_subtasks';

export interface PlanProblem {
  code: PlanProblemCode;
  detail: string;
}

export function validatePlan(plan: PlannedSubtask[], maxSubtasks: number): PlanProblem | undefined {
  if (plan.length === 0) return { code: 'empty_plan', detail: 'the plan has no subtasks' };
  if (plan.length > maxSubtasks) return { code: 'too_many_subtasks', detail: `the plan has ${plan.length} subtasks; the limit is ${maxSubtasks}` };
  const ids = new Set<string>();
  for (const s of plan) {
    if (ids.has(s.id)) return { code: 'duplicate_subtask_id', detail: `subtask id "${s.id}" appears twice` };
    ids.add(s.id);
  }
  const missing = plan.flatMap((s) => s.dependsOn.filter((d) => !ids.has(d)).map((d) => `${s.id} → ${d}`));
  if (missing.length > 0) return { code: 'missing_dependencies', detail: `unknown dependencies: ${missing.join(', ')}` };
  const cycle = findCycle(plan);
  if (cycle) return { code: 'dependency_cycle_detected', detail: `dependency cycle: ${cycle.join(' → ')}` };
  return undefined;
}

function findCycle(plan: PlannedSubtask[]): string[] | undefined {
  const deps = new Map(plan.map((s) => [s.id, s.dependsOn]));
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    path.push(id);
    for (const dep of deps.get(id) ?? []) {
      const found = visit(dep);
      if (found) return found;
    }
    path.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const s of plan) {
    const found = visit(s.id);
    if (found) return found;
  }
  return undefined;
}
