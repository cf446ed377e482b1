import { ClientSecretCredential, type ClientSecretCredentialOptions } from '../../src/index';
import { createRecordingLogger, type RecordingLogger } from './recording-logger';
import { SECRET_OPTIONS } from './token-endpoint';

/**
 * A client-secret credential that writes every line, the retry lines too, to a recording logger and
 * retries at once: what it shows can be scanned for a secret without waiting for backoff.
 */
export function createVerboseCredential(options: Partial<ClientSecretCredentialOptions> = {}): {
  credential: ClientSecretCredential;
  logger: RecordingLogger;
} {
  const logger = createRecordingLogger();
  const credential = new ClientSecretCredential({
    ...SECRET_OPTIONS,
    logger,
    logLevel: 'debug',
    maxRetryDelay: 0,
    ...options,
  });
  return { credential, logger };
}
