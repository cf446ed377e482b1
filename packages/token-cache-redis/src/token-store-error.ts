import { describeCause, isDeadlineReason, MmdError, oneLine, sanitizeCause } from '@mmd-sdk/core';

/** The store call that failed. */
export type TokenStoreOperation = 'get' | 'set' | 'lock' | 'release';

/**
 * Why a store call failed: `timeout` (no answer within `commandTimeout`), `unavailable` (no
 * connection to Redis: down, reconnecting, refused), `closed` (the store or your client was closed),
 * `reply` (Redis answered with an error, such as OOM or NOAUTH).
 */
export type TokenStoreFailure = 'timeout' | 'unavailable' | 'closed' | 'reply';

/**
 * A Redis token store call failed. The credential treats it as a cache miss and asks Entra directly,
 * so a slow or absent Redis costs a token request, never a failed call. The message is one line and
 * never holds the entry's value or the connection's password; `cause` is a sanitized copy of what
 * node-redis raised (name, code and redacted message only).
 */
export class TokenStoreError extends MmdError {
  static override readonly kind: string = 'TokenStoreError';
  override readonly name: string = 'TokenStoreError';
  /** The store call that failed. */
  readonly operation: TokenStoreOperation;
  /** Why it failed. */
  readonly failure: TokenStoreFailure;

  constructor(
    operation: TokenStoreOperation,
    failure: TokenStoreFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.operation = operation;
    this.failure = failure;
  }
}

/** The server's error replies (`-ERR …`, `-OOM …`, `-NOAUTH …`). */
const REPLIES = new Set(['ErrorReply', 'SimpleError', 'BlobError', 'MultiErrorReply']);

/**
 * The class names of an error, its own first: node-redis's errors leave `name` as `Error`, so their
 * classes tell them apart (by name, which holds across copies of `@redis/client`).
 */
function classNames(error: unknown): string[] {
  const names: string[] = [];
  for (
    let prototype = error !== null && typeof error === 'object' ? Object.getPrototypeOf(error) : null;
    prototype !== null && prototype !== Error.prototype && names.length < 10;
    prototype = Object.getPrototypeOf(prototype)
  ) {
    const name = (prototype as { constructor?: { name?: unknown } }).constructor?.name;
    if (typeof name === 'string' && name !== '') names.push(name);
  }
  return names;
}

function classify(error: unknown, names: readonly string[]): TokenStoreFailure {
  if (isDeadlineReason(error) || names.includes('TimeoutError')) return 'timeout';
  if (names.includes('ClientClosedError')) return 'closed';
  if (names.some((name) => REPLIES.has(name))) return 'reply';
  // Anything else a command fails with (refused, reset, offline…) means no usable connection.
  return 'unavailable';
}

/** The error with its class name as `name` (when it left `name` as `Error`), so the sanitized cause keeps it. */
function named(error: unknown, names: readonly string[]): unknown {
  const [own] = names;
  if (!(error instanceof Error) || error.name !== 'Error' || own === undefined || own === 'Error')
    return error;
  const copy = new Error(error.message, error.cause === undefined ? undefined : { cause: error.cause });
  copy.name = own;
  const code = (error as { code?: unknown }).code;
  if (code !== undefined) Object.assign(copy, { code });
  return copy;
}

/**
 * What a failure of `operation` becomes: a `TokenStoreError` saying what happened and what to check,
 * on one line, with `redact` applied to everything taken from the original error, and why the
 * connection is failing when that is known (`connectionError`, already redacted). An `MmdError`
 * (a store error already, or a configuration error) is passed on as it is.
 */
export function toTokenStoreError(
  operation: TokenStoreOperation,
  error: unknown,
  commandTimeout: number,
  redact: (text: string) => string,
  connectionError?: string,
): MmdError {
  if (error instanceof MmdError) return error;
  const names = classNames(error);
  const failure = classify(error, names);
  const what = `Redis token store: ${operation}`;
  let message: string;
  switch (failure) {
    case 'timeout':
      message =
        connectionError === undefined
          ? `${what} got no answer within ${commandTimeout} ms (commandTimeout); check that Redis is reachable and not overloaded.`
          : `${what} got no answer within ${commandTimeout} ms (commandTimeout): Redis cannot be reached (${connectionError}); check the URL, the password and that the server is up.`;
      break;
    case 'closed':
      message = `${what} failed: the Redis client is closed; connect it (await client.connect()) and keep it open while the store is used.`;
      break;
    case 'reply':
      message = `${what} failed: Redis answered: ${describeCause(error, redact)}`;
      break;
    default:
      message = `${what} failed: Redis is unreachable (${connectionError ?? describeCause(error, redact)}); check the URL and that the server is up.`;
  }
  return new TokenStoreError(operation, failure, oneLine(message, 400, redact), {
    cause: sanitizeCause(named(error, names), redact),
  });
}
