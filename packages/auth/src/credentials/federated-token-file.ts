import { readRegularFile, readRegularFileSync } from '../shared/read-regular-file';

/** A federated token is a JWT of a few KB; anything far larger is not one. */
const MAX_TOKEN_FILE_BYTES = 64 * 1024;

/**
 * Reads a federated token file (Kubernetes workload identity projects one into the pod and rotates
 * it) for every attempt, so that a rotated token is always the one sent: opened without blocking,
 * required to be a regular file, bounded in size, and ended by the attempt's deadline.
 * @param option the option or variable that named the file, for the errors.
 */
export function federatedTokenReader(path: string, option: string): (signal: AbortSignal) => Promise<string> {
  return (signal) => readRegularFile(path, option, MAX_TOKEN_FILE_BYTES, 'the federated token', signal);
}

/** Checks once, before any network call, that the file can be read as a federated token would be. */
export function checkFederatedTokenFile(path: string, option: string): void {
  readRegularFileSync(path, option, MAX_TOKEN_FILE_BYTES, 'the federated token');
}
