import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { SignInError, UsageError } from './errors';

/** A named sign-in profile: where and as whom, never a secret. */
export interface Profile {
  tenant?: string;
  clientId?: string;
  authority?: string;
  baseUrl?: string;
  certificate?: string;
}

export interface ConfigFile {
  /** The profile used without `--profile` (else `MMD_PROFILE`, else `default`). */
  defaultProfile?: string;
  profiles: Record<string, Profile>;
}

export const PROFILE_KEYS: readonly (keyof Profile)[] = [
  'tenant',
  'clientId',
  'authority',
  'baseUrl',
  'certificate',
];

/** `$XDG_CONFIG_HOME/mmd` (when absolute), else `~/.config/mmd`; `MMD_CONFIG_DIR` wins. */
export function configDirectory(environment: NodeJS.ProcessEnv = process.env): string {
  if (environment.MMD_CONFIG_DIR) return environment.MMD_CONFIG_DIR;
  const xdg = environment.XDG_CONFIG_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.config'), 'mmd');
}

/** Where the file token store keeps encrypted tokens: `$XDG_CACHE_HOME/mmd/tokens`, else `~/.cache/mmd/tokens`. */
export function tokenDirectory(environment: NodeJS.ProcessEnv = process.env): string {
  const xdg = environment.XDG_CACHE_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.cache'), 'mmd', 'tokens');
}

export const configPath = (environment?: NodeJS.ProcessEnv) =>
  join(configDirectory(environment), 'config.json');

const SECRET_KEY = /secret|password|token|key$/i;

/** Reads the config file (none is an empty one). A secret in it is refused: exit 3. */
export function readConfig(environment?: NodeJS.ProcessEnv): ConfigFile {
  const path = configPath(environment);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: {} };
    throw new SignInError(
      `cannot read ${path} (${(error as NodeJS.ErrnoException).code}); fix its permissions.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SignInError(`${path} is not JSON; fix it or remove it and run \`mmd config set\` again.`);
  }
  const config = parsed as ConfigFile;
  if (
    !config ||
    typeof config !== 'object' ||
    typeof config.profiles !== 'object' ||
    config.profiles === null
  ) {
    throw new SignInError(`${path} has no "profiles" object; remove it and run \`mmd config set\` again.`);
  }
  for (const [name, profile] of Object.entries(config.profiles)) {
    for (const key of Object.keys(profile ?? {})) {
      if (SECRET_KEY.test(key)) {
        throw new SignInError(
          `${path}: profile "${name}" holds "${key}"; mmd never stores secrets: remove it and set AZURE_CLIENT_SECRET or use --certificate.`,
        );
      }
    }
  }
  return config;
}

export function writeConfig(config: ConfigFile, environment?: NodeJS.ProcessEnv): string {
  const directory = configDirectory(environment);
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const path = configPath(environment);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
  return path;
}

/** The profile chosen by `--profile`, `MMD_PROFILE` or the file's default; an unknown named one is a usage error. */
export function selectProfile(
  config: ConfigFile,
  requested: string | undefined,
  environment: NodeJS.ProcessEnv = process.env,
): { name: string | undefined; profile: Profile } {
  const name = requested ?? environment.MMD_PROFILE ?? config.defaultProfile ?? 'default';
  const profile = config.profiles[name];
  if (profile) return { name, profile };
  if (requested !== undefined || environment.MMD_PROFILE !== undefined) {
    const known = Object.keys(config.profiles);
    throw new UsageError(
      `no profile "${name}" in ${configPath(environment)}${known.length ? ` (profiles: ${known.join(', ')})` : ''}; create it with \`mmd config set --profile ${name} --tenant … --client-id …\`.`,
    );
  }
  return { name: undefined, profile: {} };
}

/**
 * The key the token cache is encrypted with: `MMD_TOKEN_CACHE_KEY`, else a random key generated once
 * into `<config dir>/token-cache.key` (mode 0600).
 */
export function tokenCacheKey(environment: NodeJS.ProcessEnv = process.env): string {
  if (environment.MMD_TOKEN_CACHE_KEY) return environment.MMD_TOKEN_CACHE_KEY;
  const directory = configDirectory(environment);
  const path = join(directory, 'token-cache.key');
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const key = randomBytes(32).toString('base64');
  try {
    // wx: if another mmd wrote it first, read theirs.
    writeFileSync(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(path, 'utf8').trim();
    throw error;
  }
}
