/**
 * The autopilot's state and the rules of its messages, as a plain class whose methods back the
 * handlers (the workflow function drives the loop): what start/stop/tick may do, the in-flight book
 * and the counters shown by the status query.
 */
import { ApplicationFailure } from '@temporalio/workflow';
import {
  AUTOPILOT_LIMITS, SECURITY_LEVELS, type AutopilotInput, type AutopilotState, type FinishedTask, type StartAutopilotArgs,
} from '../core/autopilot-messages';
import { MESSAGE_ERRORS } from '../core/messages';

const RECENT_KEPT = 20;

export class AutopilotRun {
  readonly state: AutopilotState;
  /** Set whenever something the loop looks at changes; the loop waits on it (or the next tick). */
  dirty = true;
  /** Stop starting tasks until the run continues as new. */
  draining = false;
  /** Scheduling passes made in this run; a tick Update waits for the next one. */
  passes = 0;

  constructor(input: AutopilotInput) {
    this.state = input.carried
      ? { ...input.carried, inFlight: [], runs: input.carried.runs + 1 }
      : {
          teamId: input.teamId, maxConcurrency: input.maxConcurrency, securityLevel: input.securityLevel, status: 'running', inFlight: [],
          maxObservedInFlight: 0, started: 0, completed: 0, failed: 0, ticks: 0, recent: [], runs: 1,
          ...(input.circuitOpenSeconds !== undefined ? { circuitOpenSeconds: input.circuitOpenSeconds } : {}),
        };
  }

  get stopping(): boolean {
    return this.state.status !== 'running';
  }

  freeSlots(): number {
    return Math.max(0, this.state.maxConcurrency - this.state.inFlight.length);
  }

  onStarted(taskId: string, workflowId: string, now: string): void {
    this.state.inFlight.push({ taskId, workflowId, startedAt: now });
    this.state.started += 1;
    this.state.maxObservedInFlight = Math.max(this.state.maxObservedInFlight, this.state.inFlight.length);
  }

  onFinished(finished: FinishedTask): void {
    this.state.inFlight = this.state.inFlight.filter((t) => t.taskId !== finished.taskId);
    if (finished.status === 'completed') this.state.completed += 1;
    else this.state.failed += 1;
    this.state.recent = [...this.state.recent, finished].slice(-RECENT_KEPT);
    this.dirty = true;
  }

  /** A task another autopilot started first: it leaves the book without counting as finished. */
  forget(taskId: string): void {
    this.state.inFlight = this.state.inFlight.filter((t) => t.taskId !== taskId);
    this.state.started -= 1;
    this.dirty = true;
  }

  validateStart(args: StartAutopilotArgs): void {
    if (this.state.status === 'stopped') {
      throw ApplicationFailure.create({ type: MESSAGE_ERRORS.invalidTransition, message: 'the autopilot has stopped; start it again', details: ['stopped'] });
    }
    const n = args?.maxConcurrency;
    if (n !== undefined && (!Number.isInteger(n) || n < 1 || n > AUTOPILOT_LIMITS.maxConcurrency)) {
      throw ApplicationFailure.create({ type: 'invalid_input', message: `maxConcurrency must be an integer from 1 to ${AUTOPILOT_LIMITS.maxConcurrency}` });
    }
    const open = args?.circuitOpenSeconds;
    if (open !== undefined && (!Number.isInteger(open) || open < 1 || open > AUTOPILOT_LIMITS.maxCircuitOpenSeconds)) {
      throw ApplicationFailure.create({ type: 'invalid_input', message: `circuitOpenSeconds must be an integer from 1 to ${AUTOPILOT_LIMITS.maxCircuitOpenSeconds}` });
    }
    if (args?.securityLevel !== undefined && !SECURITY_LEVELS.includes(args.securityLevel)) {
      throw ApplicationFailure.create({ type: 'invalid_input', message: `securityLevel must be one of ${SECURITY_LEVELS.join(', ')}` });
    }
  }

  /** Applies new settings to the running autopilot; a pending stop is called off. */
  start(args: StartAutopilotArgs): AutopilotState {
    if (args.maxConcurrency !== undefined) this.state.maxConcurrency = args.maxConcurrency;
    if (args.securityLevel !== undefined) this.state.securityLevel = args.securityLevel;
    if (args.circuitOpenSeconds !== undefined) this.state.circuitOpenSeconds = args.circuitOpenSeconds;
    this.state.status = 'running';
    this.dirty = true;
    return this.state;
  }

  stop(): AutopilotState {
    if (!this.stopping) this.state.status = 'stopping';
    this.dirty = true;
    return this.state;
  }

  validateTick(): void {
    if (this.stopping) {
      throw ApplicationFailure.create({ type: MESSAGE_ERRORS.invalidTransition, message: `cannot tick: the autopilot is ${this.state.status}`, details: [this.state.status] });
    }
  }
}
