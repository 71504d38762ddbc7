/**
 * The CLI's own environment, validated in one place: where the API is and how to authenticate.
 * (The server's settings live in core/config; the CLI needs none of them.)
 */
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const cliEnv = z.object({
  ANANTA_URL: z.url().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  ANANTA_TOKEN: z.string().min(1).optional(),
  ANANTA_USERNAME: z.string().min(1).optional(),
  ANANTA_PASSWORD: z.string().min(1).optional(),
  ANANTA_DATA_DIR: z.string().min(1).optional(),
});

export interface CliConfig {
  baseUrl: string;
  token?: string;
  credentials?: { username: string; password: string };
  tokenFile: string;
}

export function loadCliConfig(source: NodeJS.ProcessEnv = process.env): CliConfig {
  const parsed = cliEnv.safeParse(source);
  if (!parsed.success) {
    throw new Error(`Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const env = parsed.data;
  return {
    baseUrl: (env.ANANTA_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
    token: env.ANANTA_TOKEN,
    credentials: env.ANANTA_PASSWORD ? { username: env.ANANTA_USERNAME ?? 'admin', password: env.ANANTA_PASSWORD } : undefined,
    tokenFile: env.ANANTA_DATA_DIR
      ? path.resolve(env.ANANTA_DATA_DIR, 'cli-token')
      : path.join(os.homedir(), '.config', 'ananta', 'token'),
  };
}
