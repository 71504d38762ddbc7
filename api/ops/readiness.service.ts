/**
 * Readiness: can this replica serve requests right now? It needs Temporal (to start and message
 * workflows) and the database (lists, logs, users). Each check is bounded in time, so a hung
 * dependency makes the probe fail rather than hang.
 */
import { sql } from 'drizzle-orm';
import type { ApiContext } from '../context';
import { UnavailableError } from '../errors/domain-errors';

export interface CheckResult {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

const CHECK_TIMEOUT_MS = 3000;

async function timed(run: () => Promise<unknown>): Promise<CheckResult> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
    });
    await Promise.race([run(), timeout]);
    return { ok: true, latencyMs: Date.now() - started };
  } catch (err) {
    return { ok: false, latencyMs: Date.now() - started, error: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

export async function checkReadiness(app: ApiContext): Promise<{ status: 'ready'; checks: Record<string, CheckResult> }> {
  const [temporal, database] = await Promise.all([
    timed(() =>
      app.temporal.withDeadline(Date.now() + CHECK_TIMEOUT_MS, () => app.temporal.workflowService.getSystemInfo({})),
    ),
    timed(() => app.db.execute(sql`select 1`)),
  ]);
  const checks = { temporal, database };
  if (!temporal.ok || !database.ok) throw new UnavailableError('not_ready', 'A dependency is not available', { checks });
  return { status: 'ready', checks };
}
