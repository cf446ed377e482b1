import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ENCRYPTION_KEY, OTHER_ENCRYPTION_KEY } from './support/encryption-keys';
import {
  type LoopbackAnswer,
  type LoopbackTokenServer,
  sendToken,
  settlesWithin,
  useLoopbackTokenServers,
} from './support/loopback-token-server';
import { useMswServer } from './support/msw-server';
import { spellingsFound } from './support/spellings';
import { CLIENT_ID, CLIENT_SECRET, TENANT_ID } from './support/token-endpoint';
import { useTokenProcesses } from './support/token-processes';

// Real processes sharing one file token store, against a token endpoint on 127.0.0.1 that counts
// the requests it receives: what a fleet of workers on one machine does.
const startServer = useLoopbackTokenServers(useMswServer());
const spawnProcess = useTokenProcesses();
/** Every token the servers of this file issued, to look for in the store's files. */
const issued: string[] = [];

/** Answers with a new token per request, each unique and long enough to be found in any spelling. */
const freshToken: LoopbackAnswer = (response, attempt) => {
  const token = `token-${attempt + 1}-${randomUUID()}`;
  issued.push(token);
  sendToken(response, token);
};

function storeDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'mmd-auth-store-'));
  onTestFinished(() => rmSync(directory, { recursive: true, force: true }));
  return directory;
}

function run(server: LoopbackTokenServer, directory: string, overrides: Record<string, string> = {}) {
  return spawnProcess({
    FIXTURE_TENANT_ID: TENANT_ID,
    FIXTURE_CLIENT_ID: CLIENT_ID,
    FIXTURE_CLIENT_SECRET: CLIENT_SECRET,
    FIXTURE_AUTHORITY_HOST: server.authorityHost,
    FIXTURE_DIRECTORY: directory,
    FIXTURE_ENCRYPTION_KEY: ENCRYPTION_KEY,
    FIXTURE_CALLERS: '8',
    // Far above the work: a lock held this long is never taken for a dead holder's.
    FIXTURE_TIMEOUT: '30000',
    ...overrides,
  });
}

function entryFiles(directory: string): string[] {
  return readdirSync(directory).filter((name) => name.endsWith('.token'));
}

/** The secret, the key and every issued token, in any spelling, in any byte of any file of the store. */
function secretsInFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) =>
    spellingsFound(readFileSync(join(directory, name)), [CLIENT_SECRET, ENCRYPTION_KEY, ...issued]).map(
      (spelling) => `${name}: ${spelling}`,
    ),
  );
}

describe('the file token store across processes', () => {
  it('sends one token request for 4 processes × 8 concurrent cold callers', async () => {
    const server = await startServer(freshToken);
    const directory = storeDirectory();
    const processes = Array.from({ length: 4 }, () => run(server, directory));
    const results = await settlesWithin(Promise.all(processes.map(({ result }) => result)), 60_000);
    expect(server.requests()).toBe(1);
    expect(new Set(results.flatMap(({ tokens }) => tokens)).size).toBe(1);
    expect(results.flatMap(({ warnings }) => warnings)).toEqual([]);
    expect(entryFiles(directory)).toHaveLength(1);
    expect(readdirSync(directory).filter((name) => !name.endsWith('.token'))).toEqual([]);
    expect(secretsInFiles(directory)).toEqual([]);
  });

  it('gives a later process the token from the file, with no request', async () => {
    const server = await startServer(freshToken);
    const directory = storeDirectory();
    const first = await settlesWithin(run(server, directory).result, 60_000);
    const second = await settlesWithin(run(server, directory).result, 60_000);
    expect(second.tokens).toEqual(first.tokens);
    expect(server.requests()).toBe(1);
  });

  it('ignores a corrupt file and rewrites it', async () => {
    const server = await startServer(freshToken);
    const directory = storeDirectory();
    await settlesWithin(run(server, directory).result, 60_000);
    const [file = ''] = entryFiles(directory);
    writeFileSync(join(directory, file), '{"expiresOn": 1e300, "value": "mmd1.not-an.entry.at-all"');
    const afterGarbage = await settlesWithin(run(server, directory).result, 60_000);
    expect(afterGarbage.warnings).toEqual([]);
    writeFileSync(join(directory, file), JSON.stringify({ expiresOn: 1e15, value: 'mmd1.bm90.YW4.ZW50cnk' }));
    const afterBadEntry = await settlesWithin(run(server, directory).result, 60_000);
    expect(afterBadEntry.warnings).toEqual([expect.stringMatching(/entry could not be read/)]);
    const rewritten = await settlesWithin(run(server, directory).result, 60_000);
    expect(rewritten.tokens).toEqual(afterBadEntry.tokens);
    expect(server.requests()).toBe(3);
    expect(secretsInFiles(directory)).toEqual([]);
  });

  it('ignores an entry another key wrote (one warning), and replaces it', async () => {
    const server = await startServer(freshToken);
    const directory = storeDirectory();
    await settlesWithin(run(server, directory).result, 60_000);
    const other = await settlesWithin(
      run(server, directory, { FIXTURE_ENCRYPTION_KEY: OTHER_ENCRYPTION_KEY }).result,
      60_000,
    );
    expect(other.warnings).toEqual([expect.stringMatching(/another encryption key/)]);
    expect(server.requests()).toBe(2);
    const again = await settlesWithin(
      run(server, directory, { FIXTURE_ENCRYPTION_KEY: OTHER_ENCRYPTION_KEY }).result,
      60_000,
    );
    expect(again).toEqual({ tokens: other.tokens, warnings: [] });
    expect(server.requests()).toBe(2);
  });

  it('lets the others fetch once the lock of a holder killed mid-request goes stale', async () => {
    const server = await startServer((response, attempt, request) => {
      // The first request never gets an answer: its process is killed while it waits.
      if (attempt > 0) freshToken(response, attempt, request);
    });
    const directory = storeDirectory();
    // A short lock, so that the test waits seconds rather than the default; the work is far shorter.
    const shortLock = { FIXTURE_TIMEOUT: '5000', FIXTURE_CALLERS: '4' };
    const holder = run(server, directory, shortLock);
    await settlesWithin(server.received(1), 60_000);
    await holder.kill();
    expect(readdirSync(directory).filter((name) => name.endsWith('.lock'))).toHaveLength(1);
    const others = [run(server, directory, shortLock), run(server, directory, shortLock)];
    const results = await settlesWithin(Promise.all(others.map(({ result }) => result)), 60_000);
    expect(server.requests()).toBe(2);
    expect(results.map(({ tokens }) => tokens)).toEqual([[issued.at(-1)], [issued.at(-1)]]);
    expect(secretsInFiles(directory)).toEqual([]);
  });
});
