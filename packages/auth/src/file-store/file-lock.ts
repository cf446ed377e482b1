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

/** When this store first found each lock it could not take: the lock's text, and the time. */
export type LockSightings = Map<string, { readonly text: string; readonly at: number }>;

/** Called when a lock is judged stuck rather than merely expired: its expiry is out of reach. */
export type OnStuckLock = (reason: string) => void;

/**
 * The text of the lock at `path` when it is stale: its time is up (its holder died, or overran), or
 * it is unreadable (a holder died between creating and writing it) and older than `ttlMs`. A lock
 * is never honoured for longer than `ttlMs` from when this store first found it: one whose
 * `expiresAt` lies beyond `now + ttlMs` (a clock stepped back, a skewed writer) is judged by its
 * modification time instead, and any lock still there, unchanged, `ttlMs` after it was first seen
 * is stale. `undefined` while it holds, or when it is gone.
 */
async function staleLock(
  path: string,
  ttlMs: number,
  sightings: LockSightings,
  onStuck: OnStuckLock,
): Promise<string | undefined> {
  const text = await readStoreFile(path);
  if (text === undefined) {
    sightings.delete(path);
    return undefined;
  }
  const now = Date.now();
  const record = readRecord(text);
  if (record && record.expiresAt <= now) return text;
  const farFuture = record !== undefined && record.expiresAt > now + ttlMs;
  if (!record || farFuture) {
    const stats = await nodeFs()
      .promises.stat(path)
      .catch(() => undefined);
    if (stats && stats.mtimeMs + ttlMs <= now) {
      if (farFuture)
        onStuck(
          `its expiresAt is ${Math.round(record.expiresAt - now)} ms away, beyond the ${ttlMs} ms a lock may last (clock skew?)`,
        );
      return text;
    }
  }
  const seen = sightings.get(path);
  if (seen === undefined || seen.text !== text) {
    sightings.set(path, { text, at: now });
    return undefined;
  }
  if (now - seen.at < ttlMs) return undefined;
  onStuck(
    `it was still held ${now - seen.at} ms after this process first found it, beyond the ${ttlMs} ms a lock may last`,
  );
  return text;
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
 * many gets it; a lock whose time is up (or that is stuck: see `staleLock`) is broken and taken.
 * `undefined` while another holds it.
 */
export async function takeFileLock(
  path: string,
  ttlMs: number,
  sightings: LockSightings = new Map(),
  onStuck: OnStuckLock = () => {},
): Promise<TokenStoreLock | undefined> {
  const owner = `${process.pid}:${nodeCrypto().randomUUID()}`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await createExclusive(path, JSON.stringify({ owner, expiresAt: Date.now() + ttlMs }));
      sightings.delete(path);
      return release(path, owner);
    } catch (error) {
      if (!alreadyExists(error)) throw error;
    }
    const stale = await staleLock(path, ttlMs, sightings, onStuck);
    if (stale === undefined) return undefined;
    sightings.delete(path);
    await breakLock(path, stale);
  }
  return undefined;
}
