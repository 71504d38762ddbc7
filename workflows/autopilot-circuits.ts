/**
 * The autopilot's circuit breakers, one per worker that ran its tasks, keyed by the worker's registered
 * id (the worker that ran the task, else the pinned one, else SHARED_WORKERS for the shared pool). A worker whose tasks fail
 * AUTOPILOT_LIMITS.circuitFailures times in a row has its circuit opened for circuitOpenSeconds: tasks
 * pinned to it are not started, and while every known worker's circuit is open nothing is started at
 * all (there is nowhere healthy to send work). When the time is up the next task may run again (one
 * more failure opens it again at once); a success closes it; a person can reset it. Cancellations are
 * a person's decision, not the worker's fault, and do not count. Pure state: times come from the
 * workflow clock, so it replays.
 */
import { AUTOPILOT_LIMITS, SHARED_WORKERS, type AutopilotState, type WorkerCircuit } from '../core/autopilot-messages';
import type { TaskStatus } from '../core/statuses';

export class CircuitBook {
  constructor(private readonly state: AutopilotState) {
    state.circuits ??= {};
    state.circuitOpenSeconds ??= AUTOPILOT_LIMITS.defaultCircuitOpenSeconds;
  }

  private get circuits(): Record<string, WorkerCircuit> {
    return this.state.circuits!;
  }

  static workerOf(ranBy: string | null | undefined, pinnedWorkerId: string | null | undefined): string {
    return ranBy || pinnedWorkerId || SHARED_WORKERS;
  }

  record(worker: string, status: TaskStatus, nowMs: number): void {
    if (status === 'cancelled') return;
    const circuit = (this.circuits[worker] ??= { consecutiveFailures: 0, opened: 0 });
    if (status === 'completed') {
      circuit.consecutiveFailures = 0;
      delete circuit.openUntil;
      return;
    }
    circuit.consecutiveFailures += 1;
    if (circuit.consecutiveFailures >= AUTOPILOT_LIMITS.circuitFailures) {
      circuit.openUntil = new Date(nowMs + this.state.circuitOpenSeconds! * 1000).toISOString();
      circuit.opened += 1;
    }
  }

  isOpen(worker: string, nowMs: number): boolean {
    const until = this.circuits[worker]?.openUntil;
    return until !== undefined && Date.parse(until) > nowMs;
  }

  /** Workers whose circuit is open now. */
  openWorkers(nowMs: number): string[] {
    return Object.keys(this.circuits).filter((w) => this.isOpen(w, nowMs));
  }

  /** When dispatch may resume, while every known worker's circuit is open; undefined when it may run now. */
  heldUntil(nowMs: number): number | undefined {
    const workers = Object.keys(this.circuits);
    if (workers.length === 0 || !workers.every((w) => this.isOpen(w, nowMs))) return undefined;
    return Math.min(...workers.map((w) => Date.parse(this.circuits[w]!.openUntil!)));
  }

  reset(worker?: string): void {
    for (const [name, circuit] of Object.entries(this.circuits)) {
      if (worker !== undefined && name !== worker) continue;
      circuit.consecutiveFailures = 0;
      delete circuit.openUntil;
    }
  }
}
