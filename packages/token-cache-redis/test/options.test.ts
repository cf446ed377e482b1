import { createClient } from '@redis/client';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedisTokenStore, type RedisTokenStoreOptions } from '../src/index';
import { keyNames } from '../src/key-names';
import { configurationError, configurationRejection } from './support/expected-errors';
import { REDIS_PASSWORD } from './support/secrets';
import { createStores } from './support/stores';

const stores = createStores();
afterEach(() => stores.closeAll());

// A host that is not on the loopback interface: had anything tried to connect, the loopback-only
// guard would have recorded it and failed this file.
const REMOTE_URL = `redis://:${encodeURIComponent(REDIS_PASSWORD)}@redis.mmd-sdk.invalid:6379`;

describe('createRedisTokenStore options', () => {
  const cases: Array<[string, unknown, string, RegExp]> = [
    ['no options', undefined, 'options', /needs client or url/],
    ['null', null, 'options', /must be an object/],
    ['neither client nor url', { keyPrefix: 'app' }, 'options', /needs client or url/],
    ['both client and url', { client: createClient(), url: REMOTE_URL }, 'options', /not both/],
    [
      'a misspelt option',
      { url: REMOTE_URL, commandTimeOut: 5 },
      'options.commandTimeOut',
      /use client, url/,
    ],
    ['a url that is not a string', { url: 6379 }, 'url', /redis:\/\/ or rediss:\/\//],
    ['a url that does not parse', { url: `redis://:${REDIS_PASSWORD}@` }, 'url', /not a valid URL/],
    [
      'an http url',
      { url: `http://:${encodeURIComponent(REDIS_PASSWORD)}@localhost:6379` },
      'url',
      /must use redis:\/\/ or rediss:\/\//,
    ],
    ['a url without a host', { url: 'redis:///0' }, 'url', /must name a host/],
    [
      'a client that is no node-redis client',
      { client: { sendCommand() {} } },
      'client',
      /node-redis client/,
    ],
    ['an empty keyPrefix', { url: REMOTE_URL, keyPrefix: '' }, 'keyPrefix', /without braces/],
    ['a keyPrefix with a hash tag', { url: REMOTE_URL, keyPrefix: '{app}' }, 'keyPrefix', /without braces/],
    ['a keyPrefix with a space', { url: REMOTE_URL, keyPrefix: 'my app' }, 'keyPrefix', /without braces/],
    ['a zero commandTimeout', { url: REMOTE_URL, commandTimeout: 0 }, 'commandTimeout', /from 1 to/],
    [
      'a fractional commandTimeout',
      { url: REMOTE_URL, commandTimeout: 1.5 },
      'commandTimeout',
      /whole number/,
    ],
    [
      'a commandTimeout string',
      { url: REMOTE_URL, commandTimeout: '1000' },
      'commandTimeout',
      /default 1000/,
    ],
    ['an unknown logLevel', { url: REMOTE_URL, logLevel: 'verbose' }, 'logLevel', /'off', 'error'/],
    ['a logger that is no logger', { url: REMOTE_URL, logger: 'console' }, 'logger', /debug, info, warn/],
  ];

  it.each(cases)(
    'refuses %s with a one-line MmdConfigurationError naming the option',
    (_, options, option, pattern) => {
      const error = configurationError(() => createRedisTokenStore(options as RedisTokenStoreOptions));
      expect(error.option).toBe(option);
      expect(error.message).toMatch(pattern);
      expect(error.message).not.toContain(REDIS_PASSWORD);
      expect(error.message).not.toContain(encodeURIComponent(REDIS_PASSWORD));
    },
  );

  it('connects to nothing until a store call: creating and closing a store sends nothing', async () => {
    const store = stores.fromUrl(REMOTE_URL, { keyPrefix: 'myapp-token', commandTimeout: 250 });
    await store.close();
  });

  it('accepts a client that is not connected yet, and never connects it', async () => {
    const client = createClient({ url: REMOTE_URL });
    const store = stores.fromClient(client);
    await store.close();
    expect(client.isOpen).toBe(false);
  });
});

describe('store call arguments', () => {
  // Checked before anything is sent: this store's URL is not even on the loopback interface.
  const store = () => stores.fromUrl(REMOTE_URL);

  it.each([
    ['get with an empty key', () => store().get(''), 'key'],
    ['get with a number key', () => store().get(7 as unknown as string), 'key'],
    [
      'set with a non-string value',
      () => store().set('k', 7 as unknown as string, Date.now() + 60_000),
      'value',
    ],
    ['set with a NaN expiry', () => store().set('k', 'v', Number.NaN), 'expiresOnTimestamp'],
    ['lock with a zero ttl', () => store().lock('k', 0), 'ttlMs'],
    ['lock with an infinite ttl', () => store().lock('k', Number.POSITIVE_INFINITY), 'ttlMs'],
    ['waitForWrite with a negative timeout', () => store().waitForWrite('k', -1), 'timeoutMs'],
  ])('rejects %s with an MmdConfigurationError', async (_, call, option) => {
    const error = await configurationRejection(call());
    expect(error.option).toBe(option);
  });
});

describe('key names', () => {
  it('puts the entry, its lock and its channel under one hash tag', () => {
    expect(keyNames('mmd-token', 'tenant/client/scope')).toEqual({
      entry: '{mmd-token:tenant/client/scope}',
      lock: '{mmd-token:tenant/client/scope}:lock',
      channel: '{mmd-token:tenant/client/scope}:written',
    });
  });
});
