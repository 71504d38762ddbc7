/**
 * Runs `tick` on `start()` and then every `everyMs` after the previous run finished (never
 * overlapping), until the calling component is destroyed. Lists follow the live feed (live-events.ts);
 * this is only for what no row change announces (a workflow's live query, a heartbeat that stops). Call it in a constructor (it needs the injection context) and `start()` in
 * ngOnInit, once the component's inputs are set.
 */
import { DestroyRef, inject } from '@angular/core';

export function pollEvery(everyMs: number, tick: () => Promise<void>): { start(): void; now(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let running = false;
  const run = async () => {
    clearTimeout(timer);
    if (stopped || running) return;
    running = true;
    try {
      await tick();
    } finally {
      running = false;
      if (!stopped) timer = setTimeout(() => void run(), everyMs);
    }
  };
  inject(DestroyRef).onDestroy(() => {
    stopped = true;
    clearTimeout(timer);
  });
  return { start: () => void run(), now: () => void run() };
}
