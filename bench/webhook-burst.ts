/**
 * Webhook burst benchmark: how fast the receivers acknowledge a burst of signed deliveries, against
 * the speed of starting workflows directly on the same Temporal server in the same run.
 *
 * A sender may fire many deliveries at once (a bulk label change, a Slack channel waking up), and
 * Slack wants its answer within 3 s. Each delivery is recorded before its workflow is started, and a
 * start that waits too long is left to the recovery loop, so the ack should not queue behind Temporal.
 * This prints the figures; it asserts nothing (targets are read from the figures, not timed tests).
 *
 *   npm run bench -- [deliveries=300] [concurrency=50]
 *
 * Runs a Temporal dev server with file persistence (the embedded default's speed) and the platform's
 * store (PostgreSQL when reachable, else PGlite); no workers, since only the starts are measured.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { startDeliveryRecovery } from '../api/triggers/delivery-start';
import { signedDelivery, startWebhookApi } from '../api/triggers/test-support/webhook-api';
import { listPendingDeliveries } from '../db/queries/webhook-deliveries';
import { startTemporalDevServer } from '../scripts/lib/temporal-dev-server';
import { startPlatform, uniqueId } from '../test/support/platform';

const deliveries = Number(process.argv[2] ?? 300);
const concurrency = Number(process.argv[3] ?? 50);

/** Runs `count` jobs with at most `limit` in flight; returns each job's latency in ms and the wall time. */
async function pool(count: number, limit: number, job: (i: number) => Promise<void>): Promise<{ latencies: number[]; wallMs: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < count) {
      const i = next++;
      const t0 = performance.now();
      await job(i);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, lane));
  return { latencies, wallMs: performance.now() - started };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};
const ms = (v: number) => `${v.toFixed(0)} ms`;
const rate = (count: number, wallMs: number) => count / (wallMs / 1000);

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ananta-bench-'));
  const server = await startTemporalDevServer({ headless: true, dbFile: path.join(dir, 'temporal.db') });
  process.env.TEMPORAL_ADDRESS = server.address;
  const platform = await startPlatform();
  const api = await startWebhookApi(platform);
  try {
    // Baseline: the same number of workflow starts, straight to Temporal, with the same concurrency.
    const baseline = await pool(deliveries, concurrency, async (i) => {
      await platform.client.workflow.start('benchNoop', { workflowId: uniqueId(`bench-${i}`), taskQueue: `${platform.config.taskQueues.workflows}-bench` });
    });

    const secret = 'bench-secret-0123456789';
    const created = await api.request('POST', '/triggers', {
      body: { source: 'generic', name: 'bench', secret, isDefault: false, rateLimit: { maxRequests: 100_000, windowSeconds: 60 } },
    });
    if (created.status !== 201) throw new Error(`creating the trigger: ${created.status} ${await created.text()}`);
    const trigger = (await created.json()) as { id: string };
    const bodies = await Promise.all(Array.from({ length: deliveries }, (_, i) => signedDelivery('generic', secret, { goal: `Bench goal ${i}` })));
    const statuses = new Map<number, number>();
    const burst = await pool(deliveries, concurrency, async (i) => {
      const res = await api.request('POST', `/triggers/webhook/generic/${trigger.id}`, { token: null, body: bodies[i]!.body, headers: bodies[i]!.headers });
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    });

    // Deliveries whose start waited too long are pending; the recovery loop starts them.
    const pendingAfterAck = (await listPendingDeliveries(platform.database.db, new Date(), 100_000)).length;
    const recovery = startDeliveryRecovery({ ...platform, db: platform.database.db, temporal: platform.client, logger: pino({ level: 'silent' }) }, { graceMs: 0, intervalMs: 60_000 });
    const t0 = performance.now();
    while ((await listPendingDeliveries(platform.database.db, new Date(), 1)).length > 0) await recovery.runOnce();
    const recoveryMs = performance.now() - t0;
    await recovery.stop();

    const lines = [
      `webhook burst: ${deliveries} deliveries, ${concurrency} in flight, store ${platform.storeKind}, Temporal dev server with file persistence`,
      `baseline  direct workflow starts: ${rate(deliveries, baseline.wallMs).toFixed(1)}/s  p50 ${ms(percentile(baseline.latencies, 50))}  p99 ${ms(percentile(baseline.latencies, 99))}`,
      `webhooks  verified, recorded, started: ${rate(deliveries, burst.wallMs).toFixed(1)}/s  p50 ${ms(percentile(burst.latencies, 50))}  p95 ${ms(percentile(burst.latencies, 95))}  p99 ${ms(percentile(burst.latencies, 99))}  max ${ms(Math.max(...burst.latencies))}`,
      `ratio     webhook acks / direct starts: ${(rate(deliveries, burst.wallMs) / rate(deliveries, baseline.wallMs)).toFixed(2)}`,
      `answers   ${[...statuses].map(([s, n]) => `${s}×${n}`).join(' ')}; left pending at ack: ${pendingAfterAck}, started by recovery in ${ms(recoveryMs)}`,
      `slack     p99 ack ${ms(percentile(burst.latencies, 99))} against Slack's 3000 ms: ${percentile(burst.latencies, 99) <= 3000 ? 'within' : 'OVER'}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await api.close();
    await platform.close();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
