import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, openSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import {
  checkClientId,
  checkTenantId,
  decodeEncryptionKeyText,
  MmdConfigurationError,
  parseServiceUrl,
} from '@mmd-sdk/core';
import { SignInError, UsageError } from './errors';
import { makeDirectory } from './files/make-directory';
import { readSmallFile, UnreadableFileError } from './files/read-small-file';

/** The config file is a few profiles; the key file one line. */
const MAX_CONFIG_BYTES = 1024 * 1024;
const MAX_KEY_BYTES = 4096;

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

/** mmd's cache directory: `$XDG_CACHE_HOME/mmd` (when absolute), else `~/.cache/mmd`. */
export function cacheDirectory(environment: NodeJS.ProcessEnv = process.env): string {
  const xdg = environment.XDG_CACHE_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.cache'), 'mmd');
}

/** Where the file token store keeps encrypted tokens: `<cache dir>/tokens`. */
export function tokenDirectory(environment: NodeJS.ProcessEnv = process.env): string {
  return join(cacheDirectory(environment), 'tokens');
}

/**
 * The token directory, created (0700) when missing; `undefined`, with a warning on stderr, when it
 * cannot be: tokens are then not kept between runs, and the command runs on.
 */
export function usableTokenDirectory(environment: NodeJS.ProcessEnv = process.env): string | undefined {
  const directory = tokenDirectory(environment);
  try {
    makeDirectory(directory);
    return directory;
  } catch (error) {
    process.stderr.write(
      `mmd: warning: tokens are not kept between runs: cannot create ${directory} (${(error as NodeJS.ErrnoException).code ?? 'an error'}); set XDG_CACHE_HOME to a folder you can write, or fix its permissions.\n`,
    );
    return undefined;
  }
}

export const configPath = (environment?: NodeJS.ProcessEnv) =>
  join(configDirectory(environment), 'config.json');

const SECRET_KEY = /secret|password|token|key$/i;
/** An Entra client secret (`abc8Q~…`, 40 characters) or a JWT: what must never sit in a profile. */
const SECRET_SHAPE = /[\w.~-]{3}\dQ~[\w.~-]{30,}|eyJ[\w-]{8,}\.[\w-]{8,}|-----BEGIN [A-Z ]*PRIVATE KEY/;
const PROFILE_NAME = /^[A-Za-z0-9][\w.-]{0,63}$/;
const URL_EXAMPLE: Record<'authority' | 'baseUrl', string> = {
  authority: 'https://login.microsoftonline.com',
  baseUrl: 'https://mmdls.microsoft.com/support/odata/v1',
};

/** A profile's name: letters, digits, `.`, `_` and `-`, not starting with a sign (so never `__proto__`). */
export function checkProfileName(name: string, where: string): string {
  if (!PROFILE_NAME.test(name)) {
    throw new UsageError(
      `${where}: a profile name is 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit.`,
    );
  }
  return name;
}

/**
 * Checks one value of a profile before it is saved or used: a tenant ID or domain, a client ID (a GUID),
 * https URLs without credentials or query, a certificate *path*. Anything shaped like a secret (a client
 * secret, a token, a private key) is refused with `SignInError`; any other bad value throws the core's
 * `MmdConfigurationError` naming `where`.
 */
export function checkProfileValue(key: keyof Profile, value: unknown, where: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new MmdConfigurationError(where, `${where} must be a non-empty string.`);
  }
  if (SECRET_SHAPE.test(value)) {
    throw new SignInError(
      `${where} looks like a secret, a token or a private key; mmd never stores secrets: set AZURE_CLIENT_SECRET, or save the path of a certificate (--certificate <pem>).`,
    );
  }
  switch (key) {
    case 'tenant':
      return checkTenantId(value, where, { domain: true });
    case 'clientId':
      return checkClientId(value, where);
    case 'authority':
    case 'baseUrl':
      parseServiceUrl(value, where, URL_EXAMPLE[key]);
      return value;
    default:
      if (/[\r\n\0]/.test(value) || value.length > 4096) {
        throw new MmdConfigurationError(
          where,
          `${where} must be the path of a PEM file (certificate and private key), on one line.`,
        );
      }
      return value;
  }
}

/** The flag that sets a profile value: `clientId` → `--client-id`. */
const flagOf = (key: keyof Profile) => `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;

/**
 * A value given on the command line (`--tenant`, `--client-id`, `--authority`, `--base-url`,
 * `--certificate`), checked as a profile value and named by its flag: a bad one is a usage error
 * (exit 2), a secret-shaped one keeps its sign-in exit (3).
 */
export function checkProfileFlag(key: keyof Profile, value: string): string {
  try {
    return checkProfileValue(key, value, flagOf(key));
  } catch (error) {
    if (error instanceof SignInError) throw error;
    throw new UsageError((error as Error).message);
  }
}

/** Reads the config file (none is an empty one). A secret, a bad value or a bad name in it is refused: exit 3. */
export function readConfig(environment?: NodeJS.ProcessEnv): ConfigFile {
  const path = configPath(environment);
  let text: string;
  try {
    text = readSmallFile(path, MAX_CONFIG_BYTES);
  } catch (error) {
    if (error instanceof UnreadableFileError) {
      throw new SignInError(
        `${path} is not a regular file of at most 1 MiB; remove it or set MMD_CONFIG_DIR to another folder.`,
      );
    }
    const code = (error as NodeJS.ErrnoException).code;
    // No such file, or a file where a folder of its path should be: there is no config file.
    if (code === 'ENOENT' || code === 'ENOTDIR') return { profiles: {} };
    throw new SignInError(
      code === 'EISDIR'
        ? `cannot read ${path}: it is a folder; remove it or set MMD_CONFIG_DIR to another folder.`
        : `cannot read ${path} (${code}); fix its permissions or set MMD_CONFIG_DIR to another folder.`,
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
    config.profiles === null ||
    Array.isArray(config.profiles)
  ) {
    throw new SignInError(`${path} has no "profiles" object; remove it and run \`mmd config set\` again.`);
  }
  for (const key of Object.keys(config)) {
    if (key !== 'profiles' && key !== 'defaultProfile') {
      throw new SignInError(
        SECRET_KEY.test(key)
          ? `${path} holds "${key}"; mmd never stores secrets: remove it and set AZURE_CLIENT_SECRET or use --certificate.`
          : `${path} holds "${key}", which mmd does not know; the file holds "profiles" and "defaultProfile".`,
      );
    }
  }
  const profiles: Record<string, Profile> = Object.create(null);
  try {
    for (const [name, profile] of Object.entries(config.profiles)) {
      checkProfileName(name, path);
      if (profile === null || typeof profile !== 'object' || Array.isArray(profile)) {
        throw new SignInError(
          `${path}: profile "${name}" is not an object; fix it or run \`mmd config remove ${name}\`.`,
        );
      }
      for (const [key, value] of Object.entries(profile)) {
        if (SECRET_KEY.test(key)) {
          throw new SignInError(
            `${path}: profile "${name}" holds "${key}"; mmd never stores secrets: remove it and set AZURE_CLIENT_SECRET or use --certificate.`,
          );
        }
        if (!(PROFILE_KEYS as readonly string[]).includes(key)) {
          throw new SignInError(
            `${path}: profile "${name}" holds "${key}", which mmd does not know; a profile holds ${PROFILE_KEYS.join(', ')}.`,
          );
        }
        checkProfileValue(key as keyof Profile, value, `${path}: profile "${name}": ${key}`);
      }
      profiles[name] = profile as Profile;
    }
    if (config.defaultProfile !== undefined)
      checkProfileName(String(config.defaultProfile), `${path}: defaultProfile`);
  } catch (error) {
    // A hand-edited file that cannot be used is a sign-in problem (exit 3), whatever the value.
    if (error instanceof SignInError) throw error;
    throw new SignInError((error as Error).message);
  }
  return {
    ...(config.defaultProfile !== undefined ? { defaultProfile: config.defaultProfile } : {}),
    profiles,
  };
}

function writeConfig(config: ConfigFile, environment?: NodeJS.ProcessEnv): string {
  const path = configPath(environment);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
  return path;
}

const LOCK_WAIT_MS = 10_000;
const STALE_LOCK_MS = 30_000;

/** Takes `<config dir>/config.json.lock` (created exclusively); a lock older than 30 s is broken. */
async function lockConfig(environment?: NodeJS.ProcessEnv): Promise<() => void> {
  const directory = configDirectory(environment);
  const lock = `${configPath(environment)}.lock`;
  try {
    makeDirectory(directory);
  } catch (error) {
    throw new SignInError(
      `cannot create ${directory} (${(error as NodeJS.ErrnoException).code}); fix its permissions or set MMD_CONFIG_DIR to another folder.`,
    );
  }
  const started = Date.now();
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx', 0o600));
      return () => rmSync(lock, { force: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') {
        throw new SignInError(
          `cannot write in ${directory} (${code}); fix its permissions or set MMD_CONFIG_DIR to another folder.`,
        );
      }
    }
    const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > STALE_LOCK_MS) rmSync(lock, { force: true });
    else if (Date.now() - started > LOCK_WAIT_MS) {
      throw new SignInError(`${lock} has been held for 10 s by another mmd; if none runs, remove it.`);
    } else await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Reads the config file, lets `change` edit it and writes it back (to a temporary file, then renamed),
 * under a lock, so that two `mmd config set` at once both land. Returns the path written.
 */
export async function updateConfig(
  change: (config: ConfigFile) => void,
  environment?: NodeJS.ProcessEnv,
): Promise<string> {
  const release = await lockConfig(environment);
  try {
    const config = readConfig(environment);
    change(config);
    return writeConfig(config, environment);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    throw new SignInError(
      `cannot write ${configPath(environment)} (${code}); fix its permissions or set MMD_CONFIG_DIR to another folder.`,
    );
  } finally {
    release();
  }
}

/** The profile chosen by `--profile`, `MMD_PROFILE` or the file's default; an unknown named one is a usage error. */
export function selectProfile(
  config: ConfigFile,
  requested: string | undefined,
  environment: NodeJS.ProcessEnv = process.env,
): { name: string | undefined; profile: Profile } {
  const name = checkProfileName(
    requested ?? environment.MMD_PROFILE ?? config.defaultProfile ?? 'default',
    requested !== undefined
      ? '--profile'
      : environment.MMD_PROFILE !== undefined
        ? 'MMD_PROFILE'
        : 'defaultProfile',
  );
  const profile = Object.hasOwn(config.profiles, name) ? config.profiles[name] : undefined;
  if (profile) return { name, profile };
  if (
    requested !== undefined ||
    environment.MMD_PROFILE !== undefined ||
    config.defaultProfile !== undefined
  ) {
    const known = Object.keys(config.profiles);
    throw new UsageError(
      `no profile "${name}" in ${configPath(environment)}${known.length ? ` (profiles: ${known.join(', ')})` : ''}; create it with \`mmd config set --profile ${name} --tenant … --client-id …\`.`,
    );
  }
  return { name: undefined, profile: {} };
}

/** 32 bytes as hex, base64 or base64url text: what the SDK's token cache takes as its key. */
const isCacheKey = (text: string) => decodeEncryptionKeyText(text) !== undefined;

/** Writes a new random key to `path` (mode 0600) unless another mmd got there first; returns the key in force. */
function writeNewKey(path: string, replace: boolean): string {
  const key = randomBytes(32).toString('base64');
  if (replace) {
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, `${key}\n`, { mode: 0o600 });
    renameSync(temporary, path);
    return key;
  }
  try {
    // wx: if another mmd wrote it first, read theirs.
    writeFileSync(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readSmallFile(path, MAX_KEY_BYTES).trim();
    throw error;
  }
}

/**
 * The key the token cache is encrypted with: `MMD_TOKEN_CACHE_KEY` (refused, naming the variable, when
 * it is not 32 bytes as base64 or hex), else a random key generated once into
 * `<config dir>/token-cache.key` (mode 0600; a wider mode is narrowed, an unusable key replaced, each
 * with a warning on stderr). `undefined` when that file cannot be written (a read-only home): tokens
 * are then not kept between runs, and a warning says why.
 */
export function tokenCacheKey(environment: NodeJS.ProcessEnv = process.env): string | undefined {
  const given = environment.MMD_TOKEN_CACHE_KEY;
  if (given !== undefined && given !== '') {
    if (!isCacheKey(given.trim())) {
      throw new SignInError(
        'MMD_TOKEN_CACHE_KEY must be 32 random bytes as base64 (44 characters) or hex (64 characters), such as the output of `openssl rand -base64 32`; or unset it to let mmd keep a key of its own.',
      );
    }
    return given.trim();
  }
  const directory = configDirectory(environment);
  const path = join(directory, 'token-cache.key');
  const warn = (text: string) => process.stderr.write(`mmd: warning: ${text}\n`);
  try {
    let existing: string | undefined;
    try {
      existing = readSmallFile(path, MAX_KEY_BYTES).trim();
    } catch (error) {
      // A device, a FIFO or a huge file there holds no key either: it is replaced.
      if (error instanceof UnreadableFileError) existing = '';
      else if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (existing !== undefined && isCacheKey(existing)) {
      if ((statSync(path).mode & 0o077) !== 0) {
        chmodSync(path, 0o600);
        warn(
          `${path} could be read by other users; its mode is now 0600. Run \`mmd logout\` if they may have used it.`,
        );
      }
      return existing;
    }
    makeDirectory(directory);
    if (existing !== undefined) {
      warn(`${path} did not hold a usable key; a new one replaces it (cached tokens are dropped).`);
    }
    return writeNewKey(path, existing !== undefined);
  } catch (error) {
    warn(
      `tokens are not kept between runs: cannot use ${path} (${(error as NodeJS.ErrnoException).code ?? 'an error'}); set MMD_TOKEN_CACHE_KEY or MMD_CONFIG_DIR, or fix the directory's permissions.`,
    );
    return undefined;
  }
}
