import type { Command } from 'commander';
import {
  type ConfigFile,
  checkProfileFlag,
  checkProfileName,
  PROFILE_KEYS,
  type Profile,
  readConfig,
  updateConfig,
} from '../config';
import { UsageError } from '../errors';
import type { GlobalOptions } from '../session';

const FLAG: Record<keyof Profile, keyof GlobalOptions & string> = {
  tenant: 'tenant',
  clientId: 'clientId',
  authority: 'authority',
  baseUrl: 'baseUrl',
  certificate: 'certificate',
};

function profileNamed(file: ConfigFile, name: string): string {
  checkProfileName(name, 'mmd config');
  if (!Object.hasOwn(file.profiles, name)) {
    const known = Object.keys(file.profiles);
    throw new UsageError(
      `no profile "${name}"${known.length ? ` (profiles: ${known.join(', ')})` : ''}; see mmd config list.`,
    );
  }
  return name;
}

export function addConfigCommand(program: Command): void {
  const config = program
    .command('config')
    .description(
      'Named sign-in profiles (tenant, client ID, authority, base URL), never secrets: $XDG_CONFIG_HOME/mmd/config.json',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ mmd config set --profile contoso --tenant <tenant-id> --client-id <app-id>
  $ mmd config list
  $ mmd config use contoso
`,
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
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      const name = checkProfileName(options.profile ?? 'default', '--profile');
      const given: Profile = {};
      for (const key of PROFILE_KEYS) {
        const value = options[FLAG[key]];
        if (typeof value === 'string') given[key] = checkProfileFlag(key, value);
      }
      if (Object.keys(given).length === 0) {
        throw new UsageError(
          'mmd config set: pass at least one of --tenant, --client-id, --authority, --base-url, --certificate.',
        );
      }
      let madeDefault = false;
      const path = await updateConfig((file) => {
        file.profiles[name] = {
          ...(Object.hasOwn(file.profiles, name) ? file.profiles[name] : {}),
          ...given,
        };
        madeDefault = file.defaultProfile === undefined;
        file.defaultProfile ??= name;
      });
      process.stderr.write(
        `Saved profile "${name}" in ${path}.${madeDefault ? ' It is the default profile (mmd config use <name> changes it).' : ''}\n`,
      );
    });
  config
    .command('list')
    .description('List the profiles (* marks the default); -o json for a script')
    .action((_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      const file = readConfig();
      const defaultName = file.defaultProfile ?? 'default';
      const format = options.output ?? (process.stdout.isTTY ? 'table' : 'json');
      if (format === 'json' || format === 'ndjson') {
        const rows = Object.entries(file.profiles).map(([name, profile]) => ({
          name,
          default: name === defaultName,
          ...profile,
        }));
        process.stdout.write(
          format === 'json'
            ? `${JSON.stringify(rows, null, 2)}\n`
            : rows.map((row) => `${JSON.stringify(row)}\n`).join(''),
        );
        return;
      }
      if (format === 'csv') throw new UsageError('mmd config list: --output is table, json or ndjson.');
      const names = Object.keys(file.profiles);
      if (names.length === 0) {
        process.stderr.write('No profiles yet: mmd config set --profile <name> --tenant … --client-id …\n');
        return;
      }
      for (const name of names) {
        const marker = name === defaultName ? '*' : ' ';
        const fields = Object.entries(file.profiles[name] ?? {}).map(([key, value]) => `${key}=${value}`);
        process.stdout.write(`${marker} ${name}  ${fields.join('  ')}\n`);
      }
    });
  config
    .command('use <name>')
    .description('Make a profile the default')
    .action(async (name: string) => {
      await updateConfig((file) => {
        file.defaultProfile = profileNamed(file, name);
      });
      process.stderr.write(`"${name}" is the default profile.\n`);
    });
  config
    .command('remove <name>')
    .description('Remove a profile')
    .action(async (name: string) => {
      let wasDefault = false;
      await updateConfig((file) => {
        delete file.profiles[profileNamed(file, name)];
        wasDefault = file.defaultProfile === name;
        if (wasDefault) delete file.defaultProfile;
      });
      process.stderr.write(
        `Removed profile "${name}".${wasDefault ? ' There is no default profile now: mmd config use <name> sets one.' : ''}\n`,
      );
    });
}
