/** What every command gets: the API client (built lazily, so `--help` needs no environment) and output. */
import type { ApiClient } from '../api-client';
import type { CliConfig } from '../cli-config';
import type { Output } from '../output';

export interface CommandContext {
  config(): CliConfig;
  api(): ApiClient;
  out: Output;
  /** Sets the process exit code without exiting (so output flushes). */
  exit(code: number): void;
  /** Aborted on Ctrl-C while following. */
  signal: AbortSignal;
}

export const q = encodeURIComponent;
