import type { Command } from 'commander';
import {
  checkProfileName,
  checkProfileValue,
  configPath,
  PROFILE_KEYS,
  type Profile,
  readConfig,
  writeConfig,
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

const flagName = (key: keyof Profile) =>
  `--${FLAG[key].replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;

/** A bad value given to `config set` is a usage error (exit 2); a secret keeps its sign-in exit (3). */
function checkFlagValue(key: keyof Profile, value: string): string {
  try {
    return checkProfileValue(key, value, flagName(key));
  } catch (error) {
    if ((error as Error).name === 'SignInError') throw error;
    throw new UsageError((error as Error).message);
  }
}

function profileNamed(name: string): string {
  const file = readConfig();
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
      `Named sign-in profiles (tenant, client ID, authority, base URL), never secrets: ${configPath()}`,
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
    .action((_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      const name = checkProfileName(options.profile ?? 'default', '--profile');
      const file = readConfig();
      const profile: Profile = { ...(Object.hasOwn(file.profiles, name) ? file.profiles[name] : {}) };
      let changed = false;
      for (const key of PROFILE_KEYS) {
        const value = options[FLAG[key]];
        if (typeof value === 'string') {
          profile[key] = checkFlagValue(key, value);
          changed = true;
        }
      }
      if (!changed) {
        throw new UsageError(
          'mmd config set: pass at least one of --tenant, --client-id, --authority, --base-url, --certificate.',
        );
      }
      file.profiles[name] = profile;
      const madeDefault = file.defaultProfile === undefined;
      file.defaultProfile ??= name;
      const path = writeConfig(file);
      process.stderr.write(
        `Saved profile "${name}" in ${path}.${madeDefault ? ` It is the default profile (mmd config use <name> changes it).` : ''}\n`,
      );
    });
  config
    .command('list')
    .description('List the profiles (* marks the default); -o json for a script')
    .action((_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      const file = readConfig();
      const defaultName = file.defaultProfile ?? 'default';
      if (options.output === 'json' || options.output === 'ndjson') {
        const rows = Object.entries(file.profiles).map(([name, profile]) => ({
          name,
          default: name === defaultName,
          ...profile,
        }));
        process.stdout.write(
          options.output === 'json'
            ? `${JSON.stringify(rows, null, 2)}\n`
            : rows.map((row) => `${JSON.stringify(row)}\n`).join(''),
        );
        return;
      }
      if (options.output === 'csv')
        throw new UsageError('mmd config list: --output is table, json or ndjson.');
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
    .action((name: string) => {
      const file = readConfig();
      file.defaultProfile = profileNamed(name);
      writeConfig(file);
      process.stderr.write(`"${name}" is the default profile.\n`);
    });
  config
    .command('remove <name>')
    .description('Remove a profile')
    .action((name: string) => {
      const file = readConfig();
      delete file.profiles[profileNamed(name)];
      if (file.defaultProfile === name) delete file.defaultProfile;
      writeConfig(file);
      process.stderr.write(`Removed profile "${name}".\n`);
    });
}
