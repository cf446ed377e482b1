import { describeCause, type LeveledLogger, type Redactor } from '@mmd-sdk/core';

/** What `watchConnection` knows of a connection's health. */
export interface ConnectionWatch {
  /** Why the latest connection attempt failed (redacted, one line), or `undefined` once connected. */
  lastError(): string | undefined;
}

/**
 * Listens to a connection the store owns: without an `error` listener, node-redis's `error` events
 * (one per failed attempt to connect) would crash the process. The first failure after each `ready`
 * is a warning; the retries that follow are debug lines, so an outage is one warning.
 */
export function watchConnection(
  connection: {
    on(event: 'error', listener: (error: unknown) => void): unknown;
    on(event: 'ready', listener: () => void): unknown;
  },
  name: string,
  consequence: string,
  logger: LeveledLogger,
  redact: Redactor,
): ConnectionWatch {
  let lastError: string | undefined;
  let warned = false;
  connection.on('error', (error) => {
    lastError = describeCause(error, redact);
    if (warned) {
      logger.debug(`${name} failed again: ${lastError}`);
    } else {
      warned = true;
      logger.warn(`${name} failed: ${lastError}; retrying, and ${consequence} until it is back.`);
    }
  });
  connection.on('ready', () => {
    if (warned) logger.info(`${name} is back.`);
    warned = false;
    lastError = undefined;
  });
  return { lastError: () => lastError };
}
