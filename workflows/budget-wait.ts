/**
 * The budget gate before an LLM call, shared by the goal and task workflows: while the estimated call
 * would exceed the goal's budget — or the team has spent its daily budget — say so (the caller shows
 * `waiting_approval` with the reason) and wait for a person to raise the budget. A raise that is still
 * too small waits again; no raise within the approval timeout is an explicit answer, never a hang.
 *
 * The team's daily spend lives in the usage records, so it is read by an activity (on the LLM queue,
 * whose workers know the store). While waiting for the team, the gate looks again every
 * TEAM_RECHECK_MS: an admin raising the team's budget, or the UTC day turning, lets the call go. A raise
 * of the goal's own budget during a team wait means "go on anyway": this run stops asking about the team.
 */
import { condition, patched, proxyActivities } from '@temporalio/workflow';
import type { LlmActivities } from '../activities';
import { TASK_QUEUES, type TaskQueueNames } from '../core/task-queues';
import type { ErrorInfo } from '../core/types';

export interface BudgetGate {
  /** Why the next call would exceed the budget as it stands now, or undefined when it fits. */
  shortfall(): ErrorInfo | undefined;
  /** How many raises have arrived so far (grows with each raise). */
  raises(): number;
  /** Called each time the gate starts waiting (`asked` counts from 1), to show and record it. */
  waiting(shortfall: ErrorInfo, asked: number): Promise<void>;
  /** Called when the wait ends: raised, or timed out. */
  decided(raised: boolean, asked: number): Promise<void>;
  timeoutMs: number;
  /** The team whose daily budget also applies (the workflow's input: its teamId and task queues). */
  team?: { teamId?: string; queues?: TaskQueueNames };
}

export const TEAM_RECHECK_MS = 10_000;

/**
 * Teams a person said to go on past, by the workflow input object they were given as (one per run, so
 * never shared between workflows even where workflow contexts are reused).
 */
const waived = new WeakSet<object>();

async function teamShortfall(team: BudgetGate['team']): Promise<ErrorInfo | undefined> {
  if (!team?.teamId || waived.has(team)) return undefined;
  // Goals and tasks started by this code check their team's daily budget; older runs replay without.
  if (!patched('team-daily-budget')) return undefined;
  const llm = proxyActivities<LlmActivities>({
    taskQueue: (team.queues ?? TASK_QUEUES).llm,
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
  });
  return (await llm.checkTeamBudget({ teamId: team.teamId })).shortfall;
}

/** Waits for a raise; for a team shortfall also until the team's spend fits again. True when the call may go. */
async function waitForRaise(gate: BudgetGate, seen: number, forTeam: boolean): Promise<boolean> {
  if (!forTeam) return condition(() => gate.raises() !== seen, gate.timeoutMs);
  for (let waited = 0; waited < gate.timeoutMs; waited += TEAM_RECHECK_MS) {
    if (await condition(() => gate.raises() !== seen, Math.min(TEAM_RECHECK_MS, gate.timeoutMs - waited))) {
      if (gate.team) waived.add(gate.team);
      return true;
    }
    if (!(await teamShortfall(gate.team))) return true;
  }
  return false;
}

/** Undefined when the call may go ahead; the last shortfall when nobody raised the budget in time. */
export async function passBudgetGate(gate: BudgetGate): Promise<ErrorInfo | undefined> {
  for (let asked = 1; ; asked++) {
    const own = gate.shortfall();
    const shortfall = own ?? (await teamShortfall(gate.team));
    if (!shortfall) return undefined;
    const seen = gate.raises();
    await gate.waiting(shortfall, asked);
    const raised = await waitForRaise(gate, seen, !own);
    await gate.decided(raised, asked);
    if (!raised) return shortfall;
  }
}
