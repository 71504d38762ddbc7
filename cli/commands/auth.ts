/**
 * `ananta login`: exchange a username and password for a session (access + refresh token) and keep it
 * for later commands, which refresh it on their own once the access token has expired.
 * `ananta logout`: revoke that session on the server and forget it.
 */
import type { Command } from 'commander';
import { ask } from '../prompt';
import { clearSession, writeSession } from '../token-store';
import type { CommandContext } from './context';

export function registerAuthCommands(program: Command, ctx: CommandContext): void {
  program
    .command('login')
    .description('log in and store the session (in $ANANTA_DATA_DIR/cli-token or ~/.config/ananta/token)')
    .option('-u, --username <name>', 'user name', 'admin')
    .option('-p, --password <password>', 'password (prompted when omitted)')
    .action(async (opts: { username: string; password?: string }) => {
      const config = ctx.config();
      const password = opts.password ?? config.credentials?.password ?? (await ask(`Password for ${opts.username}: `, true));
      const issued = await ctx.api().login(opts.username, password);
      writeSession(config.tokenFile, config.baseUrl, issued);
      ctx.out.print(`Logged in to ${config.baseUrl} as ${opts.username}; session saved to ${config.tokenFile} (refreshed automatically).`);
    });
  program
    .command('logout')
    .description('revoke the stored session on the server and delete it')
    .action(async () => {
      const config = ctx.config();
      await ctx.api().logout();
      clearSession(config.tokenFile);
      ctx.out.print(`Logged out of ${config.baseUrl}.`);
    });
}
