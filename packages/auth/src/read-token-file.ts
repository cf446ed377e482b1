import { MmdConfigurationError } from '@mmd-sdk/core';
import { nodeFs } from './node-builtins';

/** A federated token is a JWT of a few KB; anything far larger is not one. */
const MAX_TOKEN_FILE_BYTES = 64 * 1024;

/**
 * Reads a federated token file (Kubernetes projects and rotates it) for one attempt. The file is
 * opened without blocking and must be a regular file, so a FIFO or a device cannot hang the
 * credential or a libuv thread; `signal` (the attempt's deadline) ends the read.
 */
export async function readTokenFile(path: string, option: string, signal: AbortSignal): Promise<string> {
  const fs = nodeFs();
  const { O_RDONLY, O_NONBLOCK } = fs.constants;
  let handle: import('node:fs/promises').FileHandle;
  try {
    handle = await fs.promises.open(path, O_RDONLY | O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new MmdConfigurationError(
      option,
      `${option} could not be opened (${code}); check the path and its permissions.`,
    );
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) {
      throw new MmdConfigurationError(
        option,
        `${option} must be a regular file holding the federated token (it is not).`,
      );
    }
    if (stats.size > MAX_TOKEN_FILE_BYTES) {
      throw new MmdConfigurationError(
        option,
        `${option} is ${stats.size} bytes; a federated token is a JWT of a few KB (at most ${MAX_TOKEN_FILE_BYTES}).`,
      );
    }
    return await handle.readFile({ encoding: 'utf8', signal });
  } finally {
    await handle.close().catch(() => {});
  }
}
