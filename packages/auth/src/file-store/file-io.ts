import { nodeCrypto, nodeFs } from '../shared/node-builtins';

/** An entry or a lock is a few KB at most; a larger file is not one of the store's. */
const MAX_FILE_BYTES = 64 * 1024;

function errorCode(error: unknown): unknown {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * The text of one of the store's files, or `undefined` when there is none or it is not a regular
 * file of a sensible size. Opened without following a link and without blocking (a FIFO put in its
 * place cannot hang the caller).
 */
export async function readStoreFile(path: string): Promise<string | undefined> {
  const fs = nodeFs();
  const { O_RDONLY, O_NONBLOCK, O_NOFOLLOW } = fs.constants;
  const handle = await fs.promises.open(path, O_RDONLY | O_NONBLOCK | (O_NOFOLLOW ?? 0)).catch((error) => {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ELOOP') return undefined;
    throw error;
  });
  if (handle === undefined) return undefined;
  try {
    const stats = await handle.stat();
    if (!stats.isFile() || stats.size > MAX_FILE_BYTES) return undefined;
    return await handle.readFile('utf8');
  } finally {
    await handle.close().catch(() => {});
  }
}

/** Creates `path` with `text`, readable by this user only, failing with `EEXIST` when it exists. */
export async function createExclusive(path: string, text: string): Promise<void> {
  await nodeFs().promises.writeFile(path, text, { flag: 'wx', mode: 0o600 });
}

/**
 * Replaces `path` with `text` atomically: a reader sees the old content or the new, never part of
 * one. Written to a temporary file of this user only, then renamed over the target.
 */
export async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${nodeCrypto().randomUUID()}.tmp`;
  try {
    await createExclusive(temporary, text);
    await nodeFs().promises.rename(temporary, path);
  } catch (error) {
    await removeFile(temporary);
    throw error;
  }
}

/** Removes a file if it is there; never throws. */
export async function removeFile(path: string): Promise<void> {
  await nodeFs()
    .promises.rm(path, { force: true })
    .catch(() => {});
}

/** Whether an error says the file already exists (an exclusive create lost the race). */
export function alreadyExists(error: unknown): boolean {
  return errorCode(error) === 'EEXIST';
}

/** Whether an error says the file is not there (any more). */
export function isMissing(error: unknown): boolean {
  return errorCode(error) === 'ENOENT';
}
