/**
 * The `ananta` command line: talks to the API over HTTP only. `run` is what bin/ananta.js calls;
 * errors are printed as `error: <title> (<code>): <detail>` and set exit code 1.
 */
import { Command, CommanderError } from 'commander';
import { ApiProblem, ApiUnreachable, createApiClient, type ApiClient } from './api-client';
import { loadCliConfig, type CliConfig } from './cli-config';
import { registerAuthCommands } from './commands/auth';
import type { CommandContext } from './commands/context';
import { registerGoalCommands } from './commands/goals';
import { registerTaskCommands } from './commands/tasks';
import { consoleOutput, type Output } from './output';

export function buildProgram(ctx: CommandContext): Command {
  const program = new Command('ananta')
    .description('Ananta: goals become durable, autonomous agent work on Temporal.\nAPI: $ANANTA_URL (default http://localhost:$PORT or :8080); token: $ANANTA_TOKEN or `ananta login`.')
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => ctx.out.print(s.trimEnd()), writeErr: (s) => ctx.out.error(s.trimEnd()) })
    .exitOverride();
  registerAuthCommands(program, ctx);
  registerGoalCommands(program, ctx);
  registerTaskCommands(program, ctx);
  return program;
}

export function describeError(err: unknown): string {
  if (err instanceof ApiProblem) return `error: ${err.problem.title} (${err.problem.code}): ${err.problem.detail}`;
  if (err instanceof ApiUnreachable) return `error: ${err.message}`;
  return `error: ${err instanceof Error ? err.message : String(err)}`;
}

/** Runs the CLI; resolves to the exit code. */
export async function run(argv: string[], out: Output = consoleOutput, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let exitCode = 0;
  const controller = new AbortController();
  let config: CliConfig | undefined;
  let api: ApiClient | undefined;
  const ctx: CommandContext = {
    config: () => (config ??= loadCliConfig(env)),
    api: () => (api ??= createApiClient(ctx.config())),
    out,
    exit: (code) => (exitCode = code),
    signal: controller.signal,
  };
  // First Ctrl-C: followers stop and say how to resume; anything else gets a moment, then we exit.
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
    setTimeout(() => process.exit(130), 2000).unref();
  };
  process.on('SIGINT', onSigint);
  try {
    await buildProgram(ctx).parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    out.error(describeError(err));
    return 1;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

if (require.main === module) {
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
