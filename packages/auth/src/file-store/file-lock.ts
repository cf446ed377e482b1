import type { TokenStoreLock } from '@mmd-sdk/core';
import { nodeCrypto, nodeFs } from '../shared/node-builtins';
import { parseJson } from '../shared/parse-json';
import { alreadyExists, createExclusive, isMissing, readStoreFile, removeFile } from './file-io';

/** What a lock file holds: who took it, and until when it holds. */
interface LockRecord {
  readonly owner: string;
  readonly expiresAt: number;
}

function readRecord(text: string): LockRecord | undefined {
  const record = parseJson(text) as Partial<LockRecord> | undefined;
  return typeof record?.owner === 'string' && typeof record.expiresAt === 'number'
    ? { owner: record.owner, expiresAt: record.expiresAt }
    : undefined;
}

/**
 * The text of the lock at `path` when it is stale: its time is up (its holder died, or overran), or
 * it is unreadable (a holder died between creating and writing it) and older than `ttlMs`.
 * `undefined` while it holds, or when it is gone.
 */
async function staleLock(path: string, ttlMs: number): Promise<string | undefined> {
  const text = await readStoreFile(path);
  if (text === undefined) return undefined;
  const record = readRecord(text);
  if (record) return record.expiresAt <= Date.now() ? text : undefined;
  const stats = await nodeFs()
    .promises.stat(path)
    .catch(() => undefined);
  return stats && stats.mtimeMs + ttlMs <= Date.now() ? text : undefined;
}

/**
 * Removes the stale lock whose text is `stale`, and only that one: it is renamed aside first, so that
 * of several processes breaking it at once one succeeds, and a fresh lock taken meanwhile by another
 * process is put back (with a hard link, which never overwrites) rather than removed.
 */
async function breakLock(path: string, stale: string): Promise<void> {
  const fs = nodeFs().promises;
  const aside = `${path}.${nodeCrypto().randomUUID()}.stale`;
  try {
    await fs.rename(path, aside);
  } catch (error) {
    if (isMissing(error)) return;
    throw error;
  }
  if ((await readStoreFile(aside)) !== stale) await fs.link(aside, path).catch(() => {});
  await removeFile(aside);
}

function release(path: string, owner: string): TokenStoreLock {
  return {
    async release() {
      try {
        const text = await readStoreFile(path);
        if (text !== undefined && readRecord(text)?.owner === owner) await removeFile(path);
      } catch {
        // A lock that cannot be released expires with its time.
      }
    },
  };
}

/**
 * Takes the lock file at `path` for `ttlMs`: created exclusively (`wx`), so that one process of
 * many gets it; a lock whose time is up is broken and taken. `undefined` while another holds it.
 */
export async function takeFileLock(path: string, ttlMs: number): Promise<TokenStoreLock | undefined> {
  const owner = `${process.pid}:${nodeCrypto().randomUUID()}`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await createExclusive(path, JSON.stringify({ owner, expiresAt: Date.now() + ttlMs }));
      return release(path, owner);
    } catch (error) {
      if (!alreadyExists(error)) throw error;
    }
    const stale = await staleLock(path, ttlMs);
    if (stale === undefined) return undefined;
    await breakLock(path, stale);
  }
  return undefined;
}
