import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { defaultTokenDirectory } from '../src/file-store/cache-directory';
import { createFileTokenStore, MmdConfigurationError } from '../src/index';
import { configurationError } from './support/expected-errors';

const KEY = 'a'.repeat(64);
const HOUR = 3_600_000;

function temporaryDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'mmd-auth-files-'));
  onTestFinished(() => rmSync(directory, { recursive: true, force: true }));
  return directory;
}

function storeIn(directory = join(temporaryDirectory(), 'nested', 'tokens')) {
  return createFileTokenStore({ directory });
}

describe('createFileTokenStore', () => {
  it.each([
    ['linux', { XDG_CACHE_HOME: '/xdg/cache' }, join('/xdg/cache', 'mmd-sdk', 'tokens')],
    ['linux', { XDG_CACHE_HOME: 'relative/cache' }, join('/home/ada', '.cache', 'mmd-sdk', 'tokens')],
    ['linux', {}, join('/home/ada', '.cache', 'mmd-sdk', 'tokens')],
    ['darwin', { XDG_CACHE_HOME: '/xdg/cache' }, join('/home/ada', 'Library', 'Caches', 'mmd-sdk', 'tokens')],
    [
      'win32',
      { LOCALAPPDATA: '/c/Users/ada/AppData/Local' },
      join('/c/Users/ada/AppData/Local', 'mmd-sdk', 'tokens'),
    ],
    ['win32', {}, join('/home/ada', 'AppData', 'Local', 'mmd-sdk', 'tokens')],
  ] as const)(
    'keeps tokens in the user cache directory by default (%s, %j)',
    (platform, environment, expected) => {
      expect(defaultTokenDirectory(environment, platform, '/home/ada')).toBe(expected);
    },
  );

  it('writes one file per entry, atomically, readable by this user only, in a directory of this user only', async () => {
    const store = storeIn();
    await store.set(KEY, 'sealed-value', Date.now() + HOUR);
    expect(readdirSync(store.directory)).toEqual([`${KEY}.token`]);
    const file = join(store.directory, `${KEY}.token`);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      expiresOn: expect.any(Number),
      value: 'sealed-value',
    });
    if (process.platform !== 'win32') {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(store.directory).mode & 0o777).toBe(0o700);
    }
    await store.set(KEY, 'next-value', Date.now() + HOUR);
    await expect(store.get(KEY)).resolves.toBe('next-value');
    expect(readdirSync(store.directory)).toEqual([`${KEY}.token`]);
  });

  it('drops an expired entry when it is read', async () => {
    const store = storeIn();
    await store.set(KEY, 'old', Date.now() - 1);
    await expect(store.get(KEY)).resolves.toBeUndefined();
    expect(readdirSync(store.directory)).toEqual([]);
  });

  it('reads a corrupt file, a directory, a huge file or a link in its place as no entry', async () => {
    const store = storeIn();
    await store.set(KEY, 'value', Date.now() + HOUR);
    const file = join(store.directory, `${KEY}.token`);
    for (const content of ['', '{"value":', '[]', '{"value": 7, "expiresOn": 1}', 'x'.repeat(70_000)]) {
      writeFileSync(file, content);
      await expect(store.get(KEY)).resolves.toBeUndefined();
    }
    rmSync(file);
    const elsewhere = join(temporaryDirectory(), 'elsewhere.token');
    writeFileSync(elsewhere, JSON.stringify({ expiresOn: Date.now() + HOUR, value: 'planted' }));
    symlinkSync(elsewhere, file);
    await expect(store.get(KEY)).resolves.toBeUndefined();
    await store.set(KEY, 'rewritten', Date.now() + HOUR);
    await expect(store.get(KEY)).resolves.toBe('rewritten');
    expect(readFileSync(elsewhere, 'utf8')).toContain('planted');
  });

  it.each(['../escape', 'a/b', '', '.hidden', 'x'.repeat(129)])('refuses the key %j', async (key) => {
    const store = storeIn();
    await expect(store.get(key)).rejects.toBeInstanceOf(MmdConfigurationError);
    await expect(store.set(key, 'value', Date.now() + HOUR)).rejects.toBeInstanceOf(MmdConfigurationError);
  });

  it('checks its options', () => {
    expect(configurationError(() => createFileTokenStore({ directory: '' })).option).toBe('directory');
    expect(configurationError(() => createFileTokenStore({ dir: '/tmp' } as never)).option).toBe(
      'options.dir',
    );
  });

  describe('lock', () => {
    it('is held by one taker at a time, and released by its holder only', async () => {
      const store = storeIn();
      const first = await store.lock(KEY, HOUR);
      expect(first).toBeDefined();
      await expect(store.lock(KEY, HOUR)).resolves.toBeUndefined();
      await first?.release();
      const second = await store.lock(KEY, HOUR);
      expect(second).toBeDefined();
      // A release of a lock that is no longer its own leaves the new holder's alone.
      await first?.release();
      await expect(store.lock(KEY, HOUR)).resolves.toBeUndefined();
      await second?.release();
      expect(readdirSync(store.directory)).toEqual([]);
    });

    it('breaks a lock whose time is up, as when its holder died', async () => {
      const store = storeIn();
      await store.lock(KEY, -1);
      const taken = await store.lock(KEY, HOUR);
      expect(taken).toBeDefined();
      expect(readdirSync(store.directory)).toEqual([`${KEY}.lock`]);
    });

    it('breaks an unreadable lock file only once it is older than the lock time', async () => {
      const store = storeIn();
      await store.set(KEY, 'value', Date.now() + HOUR);
      const lockFile = join(store.directory, `${KEY}.lock`);
      writeFileSync(lockFile, '');
      await expect(store.lock(KEY, 60_000)).resolves.toBeUndefined();
      const past = new Date(Date.now() - 120_000);
      utimesSync(lockFile, past, past);
      await expect(store.lock(KEY, 60_000)).resolves.toBeDefined();
    });
  });
});
