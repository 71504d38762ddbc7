/**
 * Starts the real parts the tests need: a Temporal dev server (in memory, on a free port) unless
 * TEMPORAL_ADDRESS is given. Test files read TEMPORAL_ADDRESS from the environment; jest's workers
 * are spawned after this runs, so they inherit it.
 */
import { startTemporalDevServer } from '../../scripts/lib/temporal-dev-server';
import { reapStaleServers, rememberServer } from './stale-servers';

export default async function globalSetup(): Promise<void> {
  if (process.env.TEMPORAL_ADDRESS) return;
  reapStaleServers();
  const server = await startTemporalDevServer({ headless: true });
  const forget = rememberServer(server.process.pid!);
  server.process.once('exit', forget);
  process.env.TEMPORAL_ADDRESS = server.address;
  (globalThis as { __temporalDevServer?: typeof server }).__temporalDevServer = server;
}
