/** `ananta login`: exchange a username and password for a token and keep it for later commands. */
import type { Command } from 'commander';
import { ask } from '../prompt';
import { writeToken } from '../token-store';
import type { CommandContext } from './context';

export function registerAuthCommands(program: Command, ctx: CommandContext): void {
  program
    .command('login')
    .description('log in and store the token (in $ANANTA_DATA_DIR/cli-token or ~/.config/ananta/token)')
    .option('-u, --username <name>', 'user name', 'admin')
    .option('-p, --password <password>', 'password (prompted when omitted)')
    .action(async (opts: { username: string; password?: string }) => {
      const config = ctx.config();
      const password = opts.password ?? config.credentials?.password ?? (await ask(`Password for ${opts.username}: `, true));
      const issued = await ctx.api().login(opts.username, password);
      writeToken(config.tokenFile, config.baseUrl, issued.accessToken, issued.expiresIn);
      ctx.out.print(`Logged in to ${config.baseUrl} as ${opts.username}; token saved to ${config.tokenFile} (valid ${Math.round(issued.expiresIn / 3600)} h).`);
    });
}
