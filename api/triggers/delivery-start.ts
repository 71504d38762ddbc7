/**
 * Starts the work of an accepted delivery. The delivery row is written first (that is what a 202
 * promises); the goal row and workflow follow, both idempotent: the goal id is derived from the
 * delivery and the workflow id from the goal id, started with REJECT_DUPLICATE, so the request and the
 * recovery loop may both try without ever starting the work twice. If Temporal does not answer, the
 * delivery stays `pending` and the recovery loop starts it later. A target:'tasks' delivery files its
 * tasks instead (delivery-tasks.ts), just as idempotently, and needs no Temporal.
 */
import { buildGoalInput } from '../../core/goal-input';
import { listPendingDeliveries, markDeliveryStart, type DeliveryRow } from '../../db/queries/webhook-deliveries';
import type { ApiContext } from '../context';
import { recordAndStartGoal } from '../goals/goal-start';
import { goalDefaults } from '../planner/planner-settings.service';
import { fileDeliveryTasks, tasksRequestOf } from './delivery-tasks';

export type StartDeps = Pick<ApiContext, 'db' | 'temporal' | 'config' | 'logger'>;

/** How long one start may wait for Temporal before the delivery is left to the recovery loop. */
const START_TIMEOUT_MS = 2000;

/** Starts still running after their answer went out; shutdown waits for them (each is bounded by its deadline). */
export interface BackgroundStarts {
  track(start: Promise<unknown>): void;
  drain(): Promise<void>;
}

export function createBackgroundStarts(): BackgroundStarts {
  const running = new Set<Promise<unknown>>();
  return {
    track(start) {
      running.add(start);
      void start.finally(() => running.delete(start));
    },
    async drain() {
      await Promise.allSettled(running);
    },
  };
}

/**
 * Starts a recorded delivery's work, waiting at most `waitMs` for it: the answer to the sender does not
 * queue behind Temporal in a burst. A start still running when the wait ends goes on in the background
 * (tracked, so shutdown waits for it before closing the Temporal connection); if it fails or the
 * process stops first, the delivery is still `pending` and the recovery loop starts it.
 */
export async function startDeliveryWithin(
  app: StartDeps, delivery: Pick<DeliveryRow, 'id' | 'source' | 'goalId' | 'request'>, waitMs: number, background: BackgroundStarts,
): Promise<void> {
  const start = startDeliveryGoal(app, delivery).catch((err: unknown) => {
    app.logger.error({ err, deliveryId: delivery.id }, 'starting the delivery failed; the recovery loop will retry it');
    return 'pending' as const;
  });
  background.track(start);
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
  try {
    await Promise.race([start, waited]);
  } finally {
    clearTimeout(timer);
  }
}

export async function startDeliveryGoal(app: StartDeps, delivery: Pick<DeliveryRow, 'id' | 'source' | 'goalId' | 'request'>): Promise<'started' | 'pending'> {
  const { goalId, request } = delivery;
  if (tasksRequestOf(request)) {
    try {
      await fileDeliveryTasks(app, delivery);
    } catch (err) {
      app.logger.warn({ err, deliveryId: delivery.id }, 'tasks of the delivery not filed yet; the delivery stays pending');
      return 'pending';
    }
    await markDeliveryStart(app.db, delivery.id, 'started');
    return 'started';
  }
  if (!goalId || !request) throw new Error(`Delivery ${delivery.id} has no goal to start`);
  // A webhook's goal is a new goal like any other: the auto-planner settings supply its budget defaults
  // (its autopilot is the trigger's own setting).
  try {
    const input = buildGoalInput((await goalDefaults(app)).config, { goalId, ...request });
    await recordAndStartGoal(app, input, { createdBy: `webhook:${delivery.source}`, timeoutMs: START_TIMEOUT_MS });
  } catch (err) {
    app.logger.warn({ err, deliveryId: delivery.id, goalId }, 'goal workflow not started yet; the delivery stays pending');
    await markDeliveryStart(app.db, delivery.id, 'pending');
    return 'pending';
  }
  await markDeliveryStart(app.db, delivery.id, 'started');
  return 'started';
}

export interface RecoveryOptions {
  intervalMs?: number;
  /** Leave deliveries this young to the request that accepted them. */
  graceMs?: number;
}

export interface RecoveryHandle {
  stop(): Promise<void>;
  /** One pass now (tests, and the first pass at start-up). */
  runOnce(): Promise<number>;
}

/** Starts the goals of deliveries left pending (Temporal was down), every `intervalMs`, until stopped. */
export function startDeliveryRecovery(app: StartDeps, opts: RecoveryOptions = {}): RecoveryHandle {
  const intervalMs = opts.intervalMs ?? 10_000;
  const graceMs = opts.graceMs ?? 5_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> = Promise.resolve(0);

  const runOnce = async (): Promise<number> => {
    let started = 0;
    for (const delivery of await listPendingDeliveries(app.db, new Date(Date.now() - graceMs))) {
      if (stopped) break;
      if ((await startDeliveryGoal(app, delivery)) === 'started') started++;
      else break; // Temporal is still down: try again next round
    }
    return started;
  };
  const tick = () => {
    running = runOnce().catch((err) => {
      app.logger.warn({ err }, 'webhook delivery recovery pass failed');
      return 0;
    });
    void running.then(() => {
      if (!stopped) timer = setTimeout(tick, intervalMs);
    });
  };
  timer = setTimeout(tick, 0);
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
