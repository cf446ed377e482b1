import { readdirSync, rmSync } from 'node:fs';
import type { Command } from 'commander';
import { tokenDirectory } from '../config';
import { UsageError } from '../errors';

export function addLogoutCommand(program: Command): void {
  program
    .command('logout')
    .description(
      'Forget the tokens kept between runs: after rotating a secret or revoking consent, or on a shared machine',
    )
    .addHelpText('after', '\nExample:\n  $ mmd logout\n')
    .action(() => {
      const directory = tokenDirectory();
      let count = 0;
      try {
        count = readdirSync(directory).filter((name) => !name.startsWith('.')).length;
      } catch {
        // No directory: nothing was kept.
      }
      try {
        rmSync(directory, { recursive: true, force: true });
      } catch (error) {
        throw new UsageError(
          `cannot remove ${directory} (${(error as NodeJS.ErrnoException).code ?? 'an error'}); set XDG_CACHE_HOME as when the tokens were kept, or remove the folder yourself.`,
        );
      }
      process.stderr.write(
        count === 0
          ? 'No tokens were kept.\n'
          : `Removed ${count} cached ${count === 1 ? 'token' : 'tokens'} from ${directory}.\n`,
      );
    });
}
