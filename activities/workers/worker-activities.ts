/**
 * The worker registry as seen by workflows (task queue `workflows`, next to the store): which online
 * worker a pinned task's next command may run on, and who ran a task's command. Online means a
 * heartbeat within the deployment's offline threshold, the same rule GET /agents shows.
 */
import type { WorkerPin } from '../../core/types';
import type { Db } from '../../db/client';
import { findOnlineWorkers, getWorker, setTaskAgent } from '../../db/queries/workers';

export interface WorkerActivityDeps {
  db: Db;
  /** ANANTA_WORKER_OFFLINE_SECONDS: a worker silent for longer is not given work. */
  offlineSeconds: number;
}

export interface ResolvePinInput {
  pin: WorkerPin;
  /**
   * A worker that just lost a command (heartbeat timeout): it counts as online again only once it has
   * been heard from after `sinceMs`, so a dead worker is not handed the command again while the
   * registry still shows its last heartbeat.
   */
  lost?: { workerId: string; sinceMs: number };
}

/** Where the command goes, or why it cannot go anywhere yet. */
export type PinResolution =
  | { online: true; workerId: string; name: string; taskQueue: string }
  | { online: false; reason: string };

export interface RecordTaskAgentInput {
  taskId: string;
  agent: string;
}

export function createWorkerActivities(deps: WorkerActivityDeps) {
  return {
    async resolveWorkerPin({ pin, lost }: ResolvePinInput): Promise<PinResolution> {
      const seenSince = new Date(Date.now() - deps.offlineSeconds * 1000);
      const matches = (await findOnlineWorkers(deps.db, { seenSince, id: pin.workerId, capabilities: pin.capabilities }))
        .filter((w) => !lost || w.id !== lost.workerId || w.lastSeenAt.getTime() > lost.sinceMs);
      if (matches.length > 0) {
        // Several capable workers: spread the work (the registry keeps no load to choose by).
        const chosen = matches[Math.floor(Math.random() * matches.length)]!;
        return { online: true, workerId: chosen.id, name: chosen.name, taskQueue: chosen.taskQueue };
      }
      if (pin.workerId) {
        const known = await getWorker(deps.db, pin.workerId);
        if (!known) return { online: false, reason: `no worker ${pin.workerId} is registered` };
        if (lost?.workerId === known.id && known.lastSeenAt.getTime() >= seenSince.getTime()) {
          return { online: false, reason: `worker ${known.name} stopped answering; waiting for it to come back` };
        }
        if (pin.capabilities?.some((c) => !known.capabilities.includes(c))) {
          return { online: false, reason: `worker ${known.name} lacks ${pin.capabilities.filter((c) => !known.capabilities.includes(c)).join(', ')}` };
        }
        return { online: false, reason: `worker ${known.name} is offline (last seen ${known.lastSeenAt.toISOString()})` };
      }
      return { online: false, reason: `no online worker has ${pin.capabilities?.join(', ') ?? 'the capabilities'}` };
    },

    async recordTaskAgent(input: RecordTaskAgentInput): Promise<void> {
      await setTaskAgent(deps.db, input);
    },
  };
}

export type WorkerActivities = ReturnType<typeof createWorkerActivities>;
