import {
  checkKnownKeys,
  checkLogger,
  checkNumber,
  checkOptionsObject,
  createLeveledLogger,
  createRedactor,
  describeValue,
  type LeveledLogger,
  MmdConfigurationError,
  type Redactor,
  resolveLogLevel,
} from '@mmd-sdk/core';
import type { RedisStoreClient } from './redis-client-shape';
import type { RedisTokenStoreOptions } from './redis-token-store-options';

export const DEFAULT_KEY_PREFIX = 'mmd-token';
export const DEFAULT_COMMAND_TIMEOUT_MS = 1000;
const MAX_KEY_PREFIX_LENGTH = 200;

const OPTION_NAMES: readonly (keyof RedisTokenStoreOptions)[] = [
  'client',
  'url',
  'keyPrefix',
  'commandTimeout',
  'logger',
  'logLevel',
];

/** Where the store's connection comes from: the caller's client, or a URL the store connects to. */
export type ConnectionSource =
  | { readonly kind: 'client'; readonly client: RedisStoreClient }
  | { readonly kind: 'url'; readonly url: string };

/** The options, checked, with the defaults applied. */
export interface CheckedOptions {
  readonly source: ConnectionSource;
  readonly keyPrefix: string;
  readonly commandTimeout: number;
  readonly logger: LeveledLogger;
  /** Replaces the connection's password wherever it could be spelled. */
  readonly redact: Redactor;
}

const FIX = "pass { url: 'redis://localhost:6379' } or { client } (a node-redis client you connect)";

/**
 * Checks `createRedisTokenStore`'s options before anything connects: each mistake is one
 * `MmdConfigurationError` naming the option and the fix, and never quoting a value (a URL holds a
 * password).
 */
export function checkOptions(options: unknown): CheckedOptions {
  const object = checkOptionsObject(options, 'options', FIX);
  checkKnownKeys(object, OPTION_NAMES, 'options');
  const source = checkSource(object.client, object.url);
  const keyPrefix = checkKeyPrefix(object.keyPrefix);
  const commandTimeout = checkNumber(object.commandTimeout, {
    option: 'commandTimeout',
    fallback: DEFAULT_COMMAND_TIMEOUT_MS,
    min: 1,
    integer: true,
    unit: 'milliseconds',
  });
  const redact = createRedactor(
    source.kind === 'url' ? urlSecrets(source.url) : clientSecrets(source.client),
  );
  const logger = createLeveledLogger(
    checkLogger(object.logger),
    resolveLogLevel(object.logLevel),
    'mmd-token-cache-redis',
    redact,
  );
  return { source, keyPrefix, commandTimeout, logger, redact };
}

function checkSource(client: unknown, url: unknown): ConnectionSource {
  if (client !== undefined && url !== undefined) {
    throw new MmdConfigurationError(
      'options',
      'options.client and options.url cannot both be given: pass url (the store connects and owns the client) or client (yours), not both.',
    );
  }
  if (client !== undefined) return { kind: 'client', client: checkClient(client) };
  if (url !== undefined) return { kind: 'url', url: checkUrl(url) };
  throw new MmdConfigurationError('options', `options needs client or url: ${FIX}.`);
}

function checkClient(client: unknown): RedisStoreClient {
  const shaped =
    client !== null &&
    typeof client === 'object' &&
    typeof (client as Partial<RedisStoreClient>).withCommandOptions === 'function' &&
    typeof (client as Partial<RedisStoreClient>).duplicate === 'function';
  if (!shaped) {
    throw new MmdConfigurationError(
      'client',
      `client must be a node-redis client: createClient() or createCluster() from @redis/client or redis, version 5 or later (an ioredis client does not fit; pass url instead); got ${describeValue(client)}.`,
    );
  }
  return client as RedisStoreClient;
}

function checkUrl(url: unknown): string {
  const example = "such as 'redis://localhost:6379' or 'rediss://:password@cache.example.com:6380'";
  if (typeof url !== 'string' || url.trim() === '') {
    throw new MmdConfigurationError(
      'url',
      `url must be a redis:// or rediss:// URL, ${example} (got ${describeValue(url)}).`,
    );
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // The URL is never quoted: it may hold a password.
    throw new MmdConfigurationError(
      'url',
      `url is not a valid URL; pass one ${example} (percent-encode special characters in the password).`,
    );
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new MmdConfigurationError(
      'url',
      `url must use redis:// or rediss:// (TLS), ${example} (got a ${parsed.protocol.replace(/[^a-z0-9+.-]/gi, '').slice(0, 20)}: URL).`,
    );
  }
  if (parsed.hostname === '') {
    throw new MmdConfigurationError('url', `url must name a host, ${example}.`);
  }
  return url;
}

function checkKeyPrefix(value: unknown): string {
  if (value === undefined) return DEFAULT_KEY_PREFIX;
  if (
    typeof value !== 'string' ||
    value.length === 0 ||
    value.length > MAX_KEY_PREFIX_LENGTH ||
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    /[{}\s\u0000-\u001f\u007f]/.test(value)
  ) {
    throw new MmdConfigurationError(
      'keyPrefix',
      `keyPrefix must be 1 to ${MAX_KEY_PREFIX_LENGTH} characters without braces, spaces or control characters, such as 'myapp-mmd-token' (default '${DEFAULT_KEY_PREFIX}'); got ${describeValue(value)}.`,
    );
  }
  return value;
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The password of a redis URL, as written and decoded. */
function urlSecrets(url: string): string[] {
  try {
    const { password } = new URL(url);
    return [password, decoded(password)].filter(Boolean);
  } catch {
    return [];
  }
}

/**
 * The passwords a caller's client was configured with, as far as its options tell (node-redis keeps
 * them there): a client's `password` and `url`, a cluster's `defaults` and `rootNodes`. A
 * credentials provider's secrets are not reachable, and nothing here throws.
 */
function clientSecrets(client: RedisStoreClient): string[] {
  const secrets: string[] = [];
  const fromOptions = (options: unknown) => {
    if (options === null || typeof options !== 'object') return;
    const { password, url } = options as { password?: unknown; url?: unknown };
    if (typeof password === 'string') secrets.push(password);
    if (typeof url === 'string') secrets.push(...urlSecrets(url));
  };
  try {
    // A client's options are `options`; a cluster's, `_options`.
    const shaped = client as { options?: unknown; _options?: unknown };
    const options = shaped.options ?? shaped._options;
    fromOptions(options);
    const cluster = options as { defaults?: unknown; rootNodes?: unknown } | undefined;
    fromOptions(cluster?.defaults);
    if (Array.isArray(cluster?.rootNodes)) for (const node of cluster.rootNodes) fromOptions(node);
  } catch {
    // A proxy or getter that throws leaves the redactor without these; the store works the same.
  }
  return secrets;
}
