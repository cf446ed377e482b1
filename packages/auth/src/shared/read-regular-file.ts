import { MmdConfigurationError } from '@mmd-sdk/core';
import { nodeFs } from './node-builtins';

type FileStats = { isFile(): boolean; size: number };

function openError(error: unknown, option: string): MmdConfigurationError {
  const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
  return new MmdConfigurationError(
    option,
    `${option} could not be opened (${code}); check the path and its permissions.`,
  );
}

function checkStats(stats: FileStats, option: string, maxBytes: number, holds: string): void {
  if (!stats.isFile()) {
    throw new MmdConfigurationError(option, `${option} must be a regular file holding ${holds} (it is not).`);
  }
  if (stats.size > maxBytes) {
    throw new MmdConfigurationError(
      option,
      `${option} is ${stats.size} bytes, more than ${holds} can be (at most ${maxBytes}).`,
    );
  }
}

/**
 * Reads a file that must be a regular one (a certificate, a federated token). It is opened without
 * blocking and checked before reading, so a FIFO or a device can neither block the event loop nor
 * hang a libuv thread, and its size is bounded.
 */
export function readRegularFileSync(path: string, option: string, maxBytes: number, holds: string): string {
  const fs = nodeFs();
  let descriptor: number;
  try {
    descriptor = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (error) {
    throw openError(error, option);
  }
  try {
    checkStats(fs.fstatSync(descriptor), option, maxBytes, holds);
    return fs.readFileSync(descriptor, 'utf8');
  } finally {
    fs.closeSync(descriptor);
  }
}

/** `readRegularFileSync` without blocking, ended by `signal` (an attempt's deadline). */
export async function readRegularFile(
  path: string,
  option: string,
  maxBytes: number,
  holds: string,
  signal: AbortSignal,
): Promise<string> {
  const fs = nodeFs();
  let handle: import('node:fs/promises').FileHandle;
  try {
    handle = await fs.promises.open(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (error) {
    throw openError(error, option);
  }
  try {
    checkStats(await handle.stat(), option, maxBytes, holds);
    return await handle.readFile({ encoding: 'utf8', signal });
  } finally {
    await handle.close().catch(() => {});
  }
}
