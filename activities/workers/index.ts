/** The worker registry for workflows: resolving a task's pin to a worker's queue, recording who ran it. */
export { createWorkerActivities, type PinResolution, type WorkerActivities, type WorkerActivityDeps } from './worker-activities';
