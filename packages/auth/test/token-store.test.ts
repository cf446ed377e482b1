import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import {
  ClientSecretCredential,
  type ClientSecretCredentialOptions,
  EnvironmentCredential,
} from '../src/index';
import { inTurn, tokenResponse } from './support/answers';
import { ENCRYPTION_KEY, OTHER_ENCRYPTION_KEY } from './support/encryption-keys';
import { configurationError } from './support/expected-errors';
import { useFakeTimeouts } from './support/fake-timeouts';
import { settlesWithin } from './support/loopback-token-server';
import { createMemoryTokenStore, type MemoryTokenStore } from './support/memory-token-store';
import { createRecordingLogger, type RecordingLogger } from './support/recording-logger';
import { spellingsFound } from './support/spellings';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  SECRET_OPTIONS,
  TENANT_ID,
  useTokenEndpoints,
} from './support/token-endpoint';

const { serve } = useTokenEndpoints();

/** A credential of one "process" sharing `store`; `logger` records its warnings. */
function processCredential(
  store: MemoryTokenStore,
  options: Partial<ClientSecretCredentialOptions> & { logger?: RecordingLogger } = {},
) {
  return new ClientSecretCredential({
    ...SECRET_OPTIONS,
    cache: { store, encryptionKey: ENCRYPTION_KEY },
    maxRetries: 0,
    logger: createRecordingLogger(),
    ...options,
  });
}

function warnings(logger: RecordingLogger): string[] {
  return logger.lines.filter((line) => line.startsWith('warn:'));
}

describe('a token store behind the in-memory cache', () => {
  it('is not touched by a warm call', async () => {
    serve();
    const store = createMemoryTokenStore();
    const credential = processCredential(store);
    await credential.getToken();
    store.calls.length = 0;
    for (let call = 0; call < 100; call++) await credential.getToken();
    expect(store.calls).toEqual([]);
  });

  it('is read on a local miss before Entra is asked: a second process takes the first one’s token', async () => {
    const endpoint = serve();
    const store = createMemoryTokenStore();
    const first = await processCredential(store).getToken();
    const second = await processCredential(store).getToken();
    expect(second.token).toBe(first.token);
    expect(second.expiresOnTimestamp).toBe(first.expiresOnTimestamp);
    expect(second.refreshAfterTimestamp).toBe(first.refreshAfterTimestamp);
    expect(endpoint.requests).toHaveLength(1);
    expect(inspect(second)).toContain('[REDACTED]');
  });

  it('receives each fresh token encrypted, under a key that names nothing, until it expires', async () => {
    serve(() => tokenResponse('eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.the-token-itself.signature'));
    const store = createMemoryTokenStore();
    const token = await processCredential(store).getToken();
    const [[key, entry] = []] = [...store.entries];
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(entry?.expiresOn).toBe(token.expiresOnTimestamp);
    expect(entry?.value).toMatch(/^mmd1\.[\w-]{16}\.[\w-]+\.[\w-]{22}$/);
    const stored = JSON.stringify([...store.entries]);
    for (const identifier of [TENANT_ID, CLIENT_ID]) expect(stored).not.toContain(identifier);
    expect(spellingsFound(stored, [token.token, CLIENT_SECRET, ENCRYPTION_KEY])).toEqual([]);
  });

  it('skips the stored copy on forceRefresh and replaces it', async () => {
    const endpoint = serve();
    const store = createMemoryTokenStore();
    await processCredential(store).getToken();
    const refreshed = await processCredential(store).getToken(undefined, { forceRefresh: true });
    expect(refreshed.token).toBe('access-token-2');
    expect((await processCredential(store).getToken()).token).toBe('access-token-2');
    expect(endpoint.requests).toHaveLength(2);
  });

  it('leaves a stored token due for refresh to a new request, which replaces it for every process', async () => {
    const endpoint = serve(
      inTurn(
        () => tokenResponse('short-lived', '120'),
        () => tokenResponse('renewed'),
      ),
    );
    const store = createMemoryTokenStore();
    const first = await processCredential(store).getToken();
    vi.useFakeTimers({ toFake: ['Date'], now: first.refreshAfterTimestamp + 1 });
    try {
      expect((await processCredential(store).getToken()).token).toBe('renewed');
      expect((await processCredential(store).getToken()).token).toBe('renewed');
    } finally {
      vi.useRealTimers();
    }
    expect(endpoint.requests).toHaveLength(2);
  });

  it('ignores an entry written under another key, warns once, and replaces it', async () => {
    const endpoint = serve();
    const store = createMemoryTokenStore();
    await processCredential(store, { cache: { store, encryptionKey: OTHER_ENCRYPTION_KEY } }).getToken();
    const logger = createRecordingLogger();
    const credential = processCredential(store, { logger });
    expect((await credential.getToken()).token).toBe('access-token-2');
    expect(await credential.getToken(undefined, { forceRefresh: true })).toMatchObject({
      token: 'access-token-3',
    });
    expect(warnings(logger)).toEqual([
      expect.stringMatching(/entry could not be read .*another encryption key/),
    ]);
    // Rewritten under this key: the next process reads it.
    expect((await processCredential(store).getToken()).token).toBe('access-token-3');
    expect(endpoint.requests).toHaveLength(3);
  });

  it('ignores a corrupt, truncated or tampered entry, and one moved under another key', async () => {
    const endpoint = serve();
    const store = createMemoryTokenStore();
    const first = await processCredential(store).getToken();
    const [[key = '', entry = { value: '', expiresOn: 0 }] = []] = [...store.entries];
    const [format, iv, data = '', tag] = entry.value.split('.');
    const flipped = `${data.startsWith('A') ? 'B' : 'A'}${data.slice(1)}`;
    for (const value of [
      'not an entry',
      entry.value.slice(0, -4),
      [format, iv, flipped, tag].join('.'),
      '{}',
    ]) {
      store.entries.set(key, { ...entry, value });
      expect((await processCredential(store).getToken()).token).not.toBe(first.token);
    }
    // Authenticated with its key: the same ciphertext moved under another scope's key does not open.
    const graph = 'https://graph.microsoft.com/.default';
    await processCredential(store).getToken(graph);
    const graphKey = [...store.entries.keys()].find((candidate) => candidate !== key) ?? '';
    store.entries.set(graphKey, { ...entry });
    const requestsBefore = endpoint.requests.length;
    expect((await processCredential(store).getToken(graph)).token).not.toBe(first.token);
    expect(endpoint.requests).toHaveLength(requestsBefore + 1);
  });

  it.each(['throw', 'reject'] as const)(
    'never fails a call when every store method %ss, and warns once per credential',
    async (fault) => {
      const endpoint = serve();
      const store = createMemoryTokenStore({ faults: { get: fault, set: fault, lock: fault } });
      const logger = createRecordingLogger();
      const credential = processCredential(store, { logger });
      expect((await credential.getToken()).token).toBe('access-token-1');
      for (let call = 0; call < 3; call++) await credential.getToken(undefined, { forceRefresh: true });
      expect(endpoint.requests).toHaveLength(4);
      expect(warnings(logger)).toEqual([
        expect.stringMatching(
          /^warn: \[mmd-auth\] the token store failed \(get: the store's get (broke|failed)\); tokens come straight/,
        ),
      ]);
    },
  );

  it('gives up on a store that never answers after 1 second, and asks Entra directly', async () => {
    useFakeTimeouts();
    const endpoint = serve();
    const store = createMemoryTokenStore({ faults: { get: 'hang' } });
    const logger = createRecordingLogger();
    const pending = processCredential(store, { logger }).getToken();
    await store.called('get', 1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect((await pending).token).toBe('access-token-1');
    expect(endpoint.requests).toHaveLength(1);
    expect(warnings(logger)).toEqual([
      expect.stringMatching(/the token store failed \(get: no answer within 1000 ms\)/),
    ]);
    // Left alone for a while: the next miss goes straight to Entra.
    await processCredential(store, { logger }).getToken(undefined, { forceRefresh: true });
    expect(store.calls.filter((method) => method === 'get')).toHaveLength(1);
  });

  describe('with a lock: one request between processes', () => {
    async function twoProcesses(store: MemoryTokenStore) {
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const endpoint = serve(async (_, index) => {
        await gate;
        return tokenResponse(`access-token-${index + 1}`);
      });
      const holder = processCredential(store).getToken();
      await endpoint.received(1);
      const waiter = processCredential(store).getToken();
      return { endpoint, holder, waiter, release };
    }

    // The waiter is waiting once it called waitForWrite; without it, once it polled get (after the
    // holder's read and its read under the lock, and its own read).
    it.each([
      ['wakes the waiting process at the holder’s write (waitForWrite)', true, 'waitForWrite', 1],
      ['has the waiting process poll get with backoff when the store cannot wake it', false, 'get', 4],
    ] as const)('%s', async (_, waitForWrite, method, calls) => {
      const store = createMemoryTokenStore({ waitForWrite });
      const { endpoint, holder, waiter, release } = await twoProcesses(store);
      await store.called(method, calls);
      release();
      const tokens = await settlesWithin(Promise.all([holder, waiter]));
      expect(tokens.map((token) => token.token)).toEqual(['access-token-1', 'access-token-1']);
      expect(endpoint.requests).toHaveLength(1);
    });

    it('takes over once the lock of a holder that died expires', async () => {
      useFakeTimeouts({ date: true });
      const endpoint = serve();
      const store = createMemoryTokenStore({ waitForWrite: true, ghostHolder: true });
      const pending = processCredential(store, { timeout: 5_000 }).getToken();
      await store.called('waitForWrite', 1);
      await vi.advanceTimersByTimeAsync(5_000);
      expect((await pending).token).toBe('access-token-1');
      expect(endpoint.requests).toHaveLength(1);
      expect(store.calls.filter((method) => method === 'lock')).toHaveLength(2);
    });
  });
});

describe('the cache option', () => {
  it('needs an encryption key: the option or MMD_TOKEN_CACHE_KEY', () => {
    const store = createMemoryTokenStore();
    const error = configurationError(
      () => new ClientSecretCredential({ ...SECRET_OPTIONS, cache: { store } }),
    );
    expect(error.option).toBe('cache.encryptionKey');
    expect(error.message).toMatch(/set MMD_TOKEN_CACHE_KEY or pass cache\.encryptionKey .*randomBytes\(32\)/);
    const fromEnvironment = new EnvironmentCredential(
      { cache: { store } },
      {
        ...{ AZURE_TENANT_ID: TENANT_ID, AZURE_CLIENT_ID: CLIENT_ID, AZURE_CLIENT_SECRET: CLIENT_SECRET },
        MMD_TOKEN_CACHE_KEY: ENCRYPTION_KEY,
      },
    );
    expect(fromEnvironment.credential).toBeInstanceOf(ClientSecretCredential);
  });

  it.each([
    ['text that is not base64 or hex', 'not-a-key', 'text of 9 characters'],
    ['16 bytes of base64', Buffer.alloc(16, 7).toString('base64'), 'text of 24 characters'],
    ['63 hex digits', 'a'.repeat(63), 'text of 63 characters'],
    ['a 16-byte array', new Uint8Array(16), '16 bytes'],
    ['a number', 42, 'the number 42'],
  ])(
    'refuses %s as a key, on one line that quotes none of it, before any request',
    (_, encryptionKey, shape) => {
      const endpoint = serve();
      const error = configurationError(
        () =>
          new ClientSecretCredential({
            ...SECRET_OPTIONS,
            cache: { store: createMemoryTokenStore(), encryptionKey: encryptionKey as string },
          }),
      );
      expect(error.option).toBe('cache.encryptionKey');
      expect(error.message).toContain(`(got ${shape})`);
      if (typeof encryptionKey === 'string') expect(error.message).not.toContain(encryptionKey);
      expect(endpoint.requests).toHaveLength(0);
    },
  );

  it('names MMD_TOKEN_CACHE_KEY when the variable holds a bad key', () => {
    const error = configurationError(
      () =>
        new EnvironmentCredential(
          { cache: { store: createMemoryTokenStore() } },
          {
            AZURE_TENANT_ID: TENANT_ID,
            AZURE_CLIENT_ID: CLIENT_ID,
            AZURE_CLIENT_SECRET: CLIENT_SECRET,
            MMD_TOKEN_CACHE_KEY: 'short',
          },
        ),
    );
    expect(error.option).toBe('MMD_TOKEN_CACHE_KEY');
  });

  it('takes keys as base64, base64url, hex or bytes', async () => {
    serve();
    const store = createMemoryTokenStore();
    const bytes = Buffer.from(ENCRYPTION_KEY, 'base64');
    await processCredential(store).getToken();
    for (const encryptionKey of [bytes.toString('base64url'), bytes.toString('hex'), new Uint8Array(bytes)]) {
      const token = await processCredential(store, { cache: { store, encryptionKey } }).getToken();
      expect(token.token).toBe('access-token-1');
    }
  });

  it('refuses a store without get and set, and unknown keys', () => {
    expect(
      configurationError(
        () =>
          new ClientSecretCredential({
            ...SECRET_OPTIONS,
            cache: { store: {} as never, encryptionKey: ENCRYPTION_KEY },
          }),
      ).option,
    ).toBe('cache.store');
    expect(
      configurationError(
        () =>
          new ClientSecretCredential({
            ...SECRET_OPTIONS,
            cache: { store: createMemoryTokenStore(), encryptionKey: ENCRYPTION_KEY, ttl: 5 } as never,
          }),
      ).option,
    ).toBe('cache.ttl');
  });

  it('shows neither the key nor the store in util.inspect or JSON', () => {
    const credential = processCredential(createMemoryTokenStore());
    for (const shown of [inspect(credential, { depth: 8, showHidden: true }), JSON.stringify(credential)]) {
      expect(spellingsFound(shown, [ENCRYPTION_KEY, CLIENT_SECRET])).toEqual([]);
    }
  });
});
