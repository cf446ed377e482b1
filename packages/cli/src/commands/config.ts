import type { Command } from 'commander';
import { configPath, PROFILE_KEYS, type Profile, readConfig, writeConfig } from '../config';
import { UsageError } from '../errors';
import type { GlobalOptions } from '../session';

const FLAG: Record<keyof Profile, keyof GlobalOptions> = {
  tenant: 'tenant',
  clientId: 'clientId',
  authority: 'authority',
  baseUrl: 'baseUrl',
  certificate: 'certificate',
};

export function addConfigCommand(program: Command): void {
  const config = program
    .command('config')
    .description(
      `Named sign-in profiles (tenant, client ID, authority, base URL), never secrets: ${configPath()}`,
    );
  config
    .command('set')
    .description(
      'Create or update a profile from --tenant, --client-id, --authority, --base-url, --certificate',
    )
    .addHelpText(
      'after',
      '\nExample:\n  $ mmd config set --profile contoso --tenant <tenant-id> --client-id <app-id>\n',
    )
    .action((_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      const name = options.profile ?? 'default';
      const file = readConfig();
      const profile: Profile = { ...file.profiles[name] };
      let changed = false;
      for (const key of PROFILE_KEYS) {
        const value = options[FLAG[key]];
        if (typeof value === 'string') {
          profile[key] = value;
          changed = true;
        }
      }
      if (!changed) {
        throw new UsageError(
          'mmd config set: pass at least one of --tenant, --client-id, --authority, --base-url, --certificate.',
        );
      }
      file.profiles[name] = profile;
      file.defaultProfile ??= name;
      const path = writeConfig(file);
      process.stderr.write(`Saved profile "${name}" in ${path}.\n`);
    });
  config
    .command('list')
    .description('List the profiles')
    .action(() => {
      const file = readConfig();
      for (const [name, profile] of Object.entries(file.profiles)) {
        const marker = name === (file.defaultProfile ?? 'default') ? '*' : ' ';
        process.stdout.write(`${marker} ${name}  ${JSON.stringify(profile)}\n`);
      }
    });
  config
    .command('use <name>')
    .description('Make a profile the default')
    .action((name: string) => {
      const file = readConfig();
      if (!file.profiles[name]) throw new UsageError(`no profile "${name}"; see mmd config list.`);
      file.defaultProfile = name;
      writeConfig(file);
    });
  config
    .command('remove <name>')
    .description('Remove a profile')
    .action((name: string) => {
      const file = readConfig();
      if (!file.profiles[name]) throw new UsageError(`no profile "${name}"; see mmd config list.`);
      delete file.profiles[name];
      if (file.defaultProfile === name) delete file.defaultProfile;
      writeConfig(file);
    });
}
