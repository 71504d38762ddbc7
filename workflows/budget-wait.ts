/**
 * The budget gate before an LLM call, shared by the goal and task workflows: while the estimated call
 * would exceed the goal's budget, say so (the caller shows `waiting_approval` with the reason) and wait
 * for a person to raise the budget. A raise that is still too small waits again; no raise within the
 * approval timeout is an explicit answer, never a hang.
 */
import { condition } from '@temporalio/workflow';
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
}

/** Undefined when the call may go ahead; the last shortfall when nobody raised the budget in time. */
export async function passBudgetGate(gate: BudgetGate): Promise<ErrorInfo | undefined> {
  for (let asked = 1; ; asked++) {
    const shortfall = gate.shortfall();
    if (!shortfall) return undefined;
    const seen = gate.raises();
    await gate.waiting(shortfall, asked);
    const raised = await condition(() => gate.raises() !== seen, gate.timeoutMs);
    await gate.decided(raised, asked);
    if (!raised) return shortfall;
  }
}
