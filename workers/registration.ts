/**
 * Keeps a worker registered with its hub: registers at start (retrying while the hub is not up yet),
 * then heartbeats with its current load. When the hub has forgotten it (a 401/404 on a heartbeat: its
 * token was rotated, or its row is gone) it registers again under the same name, which keeps its id and
 * its own task queue, so pinned work waiting on that queue is picked up as soon as it is back.
 */
import type pino from 'pino';
import type { HubClient, Registration, RegisterRequest } from './hub-client';

export interface RegistrationOptions {
  hub: HubClient;
  request: RegisterRequest;
  heartbeatSeconds: number;
  /** Commands running right now, sent with each heartbeat. */
  load: () => number;
  log: Pick<pino.Logger, 'info' | 'warn'>;
  /** Give up registering after this long (start-up fails rather than polling nothing forever). */
  registerTimeoutMs?: number;
}

export interface KeptRegistration {
  /** The current registration (its token changes when the worker registers again). */
  current(): Registration;
  stop(): void;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function registerWithRetry(opts: RegistrationOptions): Promise<Registration> {
  const deadline = Date.now() + (opts.registerTimeoutMs ?? 60_000);
  for (let wait = 250; ; wait = Math.min(wait * 2, 5000)) {
    try {
      return await opts.hub.register(opts.request);
    } catch (err) {
      // A refusal (bad token, registration disabled) will not fix itself: fail start-up at once.
      if ((err as { status?: number }).status !== undefined && (err as { status: number }).status < 500) throw err;
      if (Date.now() > deadline) throw err;
      opts.log.warn({ err: String(err) }, 'hub not reachable yet; retrying registration');
      await pause(wait);
    }
  }
}

export async function keepRegistered(opts: RegistrationOptions): Promise<KeptRegistration> {
  let registration = await registerWithRetry(opts);
  opts.log.info({ workerId: registration.id, name: registration.name, taskQueue: registration.taskQueue }, 'registered with the hub');
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const beat = async () => {
    try {
      if (!(await opts.hub.heartbeat(registration, opts.load()))) {
        opts.log.warn({ workerId: registration.id }, 'the hub has forgotten this worker; registering again');
        registration = await opts.hub.register(opts.request);
      }
    } catch (err) {
      // The hub is down or slow: keep working and try again at the next beat.
      opts.log.warn({ err: String(err) }, 'heartbeat failed');
    }
    if (!stopped) timer = setTimeout(() => void beat(), opts.heartbeatSeconds * 1000);
  };
  timer = setTimeout(() => void beat(), opts.heartbeatSeconds * 1000);

  return {
    current: () => registration,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
