import {
  checkKnownKeys,
  checkLogger,
  checkNonEmptyString,
  checkOptionsObject,
  createLeveledLogger,
  type Logger,
  type LogLevel,
  MmdConfigurationError,
  resolveLogLevel,
  type TokenStore,
  type TokenStoreLock,
} from '@mmd-sdk/core';
import { nodeFs, nodePath } from '../shared/node-builtins';
import { parseJson } from '../shared/parse-json';
import { defaultTokenDirectory } from './cache-directory';
import { readStoreFile, removeFile, writeAtomically } from './file-io';
import { type LockSightings, takeFileLock } from './file-lock';

/** Options of `createFileTokenStore`. */
export interface FileTokenStoreOptions {
  /**
   * The directory of the entries (one file per token, readable by this user only), created with mode
   * 0700 when missing. Give every process that should share tokens the same one; keep it on a local
   * disk of this machine.
   * @default the user's cache directory + `/mmd-sdk/tokens`: `$XDG_CACHE_HOME` or `~/.cache` on Linux, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows
   */
  directory?: string;
  /**
   * Where the store writes its warnings (a stuck lock it broke, a directory others can write to).
   * `console` fits; so do pino and winston loggers. Lines never hold an entry.
   * @default console
   */
  logger?: Logger;
  /**
   * The least severe lines written: `'off'`, `'error'`, `'warn'`, `'info'` or `'debug'`.
   * @default the MMD_LOG environment variable, else 'warn'
   */
  logLevel?: LogLevel;
}

/** A `TokenStore` in files, with `lock` for cross-process single flight. */
export interface FileTokenStore extends TokenStore {
  /** The directory the entries are kept in. */
  readonly directory: string;
  /** Takes the lock file of `key` for `ttlMs` (breaking one whose time is up), or `undefined` while another holds it. */
  lock(key: string, ttlMs: number): Promise<TokenStoreLock | undefined>;
}

/** Keys the credentials write are 64 hex digits; anything that could leave the directory is refused. */
const KEY = /^[A-Za-z0-9_-]{1,128}$/;

function checkKey(key: unknown): string {
  if (typeof key !== 'string' || !KEY.test(key)) {
    throw new MmdConfigurationError(
      'key',
      'a file token store key must be 1 to 128 letters, digits, "-" or "_" (the credentials write SHA-256 hex digests).',
    );
  }
  return key;
}

/** What an entry's file holds: the (already encrypted) value and when it stops being worth reading. */
function readEntry(text: string): { value: string; expiresOn: number } | undefined {
  const entry = parseJson(text) as { value?: unknown; expiresOn?: unknown } | undefined;
  return typeof entry?.value === 'string' && typeof entry.expiresOn === 'number'
    ? { value: entry.value, expiresOn: entry.expiresOn }
    : undefined;
}

/**
 * A token store in files for the processes of one machine, with no dependency: one file per entry
 * (mode 0600, in a directory of mode 0700), replaced atomically (a temporary file renamed over it),
 * so that a reader never sees half an entry. An unreadable file is ignored (and replaced by the next
 * write), an expired one removed when read. `lock` is a lock file created exclusively, which another
 * process breaks once its time is up (its holder died): any number of processes missing a token at
 * once send one token request. The credentials encrypt entries before they reach the files.
 */
export function createFileTokenStore(options: FileTokenStoreOptions = {}): FileTokenStore {
  const checked = checkOptionsObject(
    options,
    'options',
    'pass { directory?, logger?, logLevel? } or nothing',
  );
  checkKnownKeys(checked, ['directory', 'logger', 'logLevel'], 'options');
  const logger = createLeveledLogger(
    checkLogger(checked.logger),
    resolveLogLevel(checked.logLevel),
    'mmd-auth file token store',
  );
  const { join, resolve } = nodePath();
  const directory =
    checked.directory === undefined
      ? defaultTokenDirectory()
      : resolve(checkNonEmptyString(checked.directory, 'directory', 'pass the path of a directory'));
  let created: Promise<unknown> | undefined;
  const ready = async (): Promise<void> => {
    created ??= nodeFs().promises.mkdir(directory, { recursive: true, mode: 0o700 });
    await created.catch((error: unknown) => {
      created = undefined;
      throw error;
    });
  };
  const sightings: LockSightings = new Map();
  let warnedStuck = false;
  const onStuck = (reason: string) => {
    const line = `broke a stuck lock file (${reason}); check the clocks of the processes sharing ${directory}`;
    if (warnedStuck) logger.debug(line);
    else logger.warn(line);
    warnedStuck = true;
  };
  const pathOf = (key: string, kind: 'token' | 'lock') => join(directory, `${checkKey(key)}.${kind}`);
  return {
    directory,
    async get(key) {
      const path = pathOf(key, 'token');
      const text = await readStoreFile(path);
      const entry = text === undefined ? undefined : readEntry(text);
      if (entry === undefined) return undefined;
      if (entry.expiresOn > Date.now()) return entry.value;
      await removeFile(path);
      return undefined;
    },
    async set(key, value, expiresOnTimestamp) {
      const path = pathOf(key, 'token');
      await ready();
      await writeAtomically(path, JSON.stringify({ expiresOn: expiresOnTimestamp, value }));
    },
    async lock(key, ttlMs) {
      const path = pathOf(key, 'lock');
      await ready();
      return takeFileLock(path, ttlMs, sightings, onStuck);
    },
  };
}
