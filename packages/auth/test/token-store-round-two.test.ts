import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ClientSecretCredential, createFileTokenStore, type TokenStore } from '../src/index';
import { ENCRYPTION_KEY } from './support/encryption-keys';
import { configurationError } from './support/expected-errors';
import { useFakeTimeouts } from './support/fake-timeouts';
import { settlesWithin } from './support/loopback-token-server';
import { createMemoryTokenStore } from './support/memory-token-store';
import { createRecordingLogger, type RecordingLogger } from './support/recording-logger';
import { SECRET_OPTIONS, useTokenEndpoints } from './support/token-endpoint';

const { serve } = useTokenEndpoints();
const KEY = 'a'.repeat(64);

function credentialWith(
  store: TokenStore,
  extra: Record<string, unknown> = {},
  logger = createRecordingLogger(),
) {
  return new ClientSecretCredential({
    ...SECRET_OPTIONS,
    cache: { store, encryptionKey: ENCRYPTION_KEY, ...extra },
    maxRetries: 0,
    timeout: 5_000,
    logger,
  });
}

const warnings = (logger: RecordingLogger) => logger.lines.filter((line) => line.startsWith('warn:'));

/** A store whose `lock` never grants (always `lockReply`), as a stuck lock, or a store that answers nonsense. */
function neverGranting(lockReply: unknown): TokenStore & { locks: number } {
  const inner = createMemoryTokenStore({ lock: false });
  const store = {
    locks: 0,
    get: (key: string) => inner.get(key),
    set: (key: string, value: string, expiresOn: number) => inner.set(key, value, expiresOn),
    async lock() {
      store.locks += 1;
      return lockReply as undefined;
    },
  };
  return store;
}

describe('a stuck lock (finding 3)', () => {
  it.each([
    ['undefined (held by another process, forever)', undefined],
    ['null', null],
    ["'yes'", 'yes'],
  ])(
    'a custom store lock that is never granted — %s — is not a store failure: one stuck-lock warning, then a fetch',
    async (_, reply) => {
      useFakeTimeouts({ date: true });
      const endpoint = serve();
      const logger = createRecordingLogger();
      const store = neverGranting(reply);
      const pending = credentialWith(store, {}, logger).getToken();
      await vi.advanceTimersByTimeAsync(10_000);
      expect((await settlesWithin(pending)).token).toBe('access-token-1');
      expect(store.locks).toBe(2);
      expect(endpoint.requests).toHaveLength(1);
      expect(warnings(logger)).toHaveLength(1);
      expect(warnings(logger)[0]).toMatch(/stuck lock/);
      expect(logger.lines.join('\n')).not.toMatch(/token store failed/);
    },
  );

  it('the file store breaks a lock file whose expiresAt is far in the future once its mtime is older than the ttl, and warns once', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'mmd-stuck-'));
    const logger = createRecordingLogger();
    const store = createFileTokenStore({ directory, logger });
    const path = join(directory, `${KEY}.lock`);
    writeFileSync(path, JSON.stringify({ owner: 'skewed', expiresAt: Date.now() + 10 * 365 * 86_400_000 }));
    const old = new Date(Date.now() - 60_000);
    utimesSync(path, old, old);
    const lock = await store.lock(KEY, 5_000);
    expect(lock).toBeDefined();
    await lock?.release();
    expect(warnings(logger)).toHaveLength(1);
    expect(warnings(logger)[0]).toMatch(/stuck lock file .*expiresAt/);
  });

  it('the file store honours a lock it cannot judge by its times for its ttl from when it first saw it, no longer', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'mmd-stuck-'));
    const logger = createRecordingLogger();
    const store = createFileTokenStore({ directory, logger });
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      // A clock stepped back: expiresAt and mtime are both ahead of this process's clock.
      const path = join(directory, `${KEY}.lock`);
      writeFileSync(path, JSON.stringify({ owner: 'stepped', expiresAt: Date.now() + 365 * 86_400_000 }));
      const ahead = new Date(Date.now() + 3_600_000);
      utimesSync(path, ahead, ahead);
      expect(await store.lock(KEY, 5_000)).toBeUndefined();
      vi.setSystemTime(Date.now() + 4_999);
      expect(await store.lock(KEY, 5_000)).toBeUndefined();
      vi.setSystemTime(Date.now() + 1);
      const lock = await store.lock(KEY, 5_000);
      expect(lock).toBeDefined();
      await lock?.release();
      expect(warnings(logger)).toHaveLength(1);
      expect(warnings(logger)[0]).toMatch(/stuck lock file .*first found it/);
    } finally {
      vi.useRealTimers();
    }
  });
});

/** A store whose `get` answers after `delayMs` (of fake time). */
function slowStore(
  delayMs: number,
  timeout?: number,
): TokenStore & { inner: ReturnType<typeof createMemoryTokenStore> } {
  const inner = createMemoryTokenStore({ lock: false });
  return {
    inner,
    ...(timeout === undefined ? {} : { timeout }),
    get: (key) => new Promise((resolve) => setTimeout(() => resolve(inner.get(key)), delayMs)),
    set: (key, value, expiresOn) => inner.set(key, value, expiresOn),
  };
}

describe('the store call bound (finding 4)', () => {
  it.each([
    ['cache.timeout', (store: TokenStore) => credentialWith(store, { timeout: 3_000 })],
    [
      'the store’s own timeout (as the Redis store sets commandTimeout)',
      (store: TokenStore) => credentialWith(store),
    ],
  ])('a store call slower than 1 s but within %s is waited for, not skipped', async (name, make) => {
    useFakeTimeouts({ date: true });
    const endpoint = serve();
    const store = slowStore(2_000, name === 'cache.timeout' ? undefined : 3_000);
    await credentialWith(store.inner).getToken();
    const pending = make(store).getToken();
    await vi.advanceTimersByTimeAsync(2_000);
    expect((await settlesWithin(pending)).token).toBe('access-token-1');
    expect(endpoint.requests).toHaveLength(1);
  });

  it('cache.timeout is checked: a whole number of milliseconds', () => {
    const error = configurationError(() => credentialWith(createMemoryTokenStore(), { timeout: -1 }));
    expect(error.option).toBe('cache.timeout');
  });
});

describe('a store that misbehaves at construction, and the key variable (finding 6)', () => {
  it('refuses a store whose property getters throw with an MmdConfigurationError', () => {
    const store = {
      get get(): never {
        throw new Error('getter exploded');
      },
      set: async () => {},
    };
    const error = configurationError(() => credentialWith(store as unknown as TokenStore));
    expect(error.option).toBe('cache.store');
    expect(error.message).toMatch(/threw/);
  });

  it('says MMD_TOKEN_CACHE_KEY is empty when it is set to ""', () => {
    vi.stubEnv('MMD_TOKEN_CACHE_KEY', '');
    try {
      const error = configurationError(
        () => new ClientSecretCredential({ ...SECRET_OPTIONS, cache: { store: createMemoryTokenStore() } }),
      );
      expect(error.message).toMatch(/^MMD_TOKEN_CACHE_KEY is set but empty/);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
