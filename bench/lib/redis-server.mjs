// A throwaway `redis-server` for the fleet table: a random loopback port, no persistence (no RDB, no
// AOF, its working directory a temporary folder), killed when done. Also counts the commands Redis
// served (`INFO commandstats`), so a table can say how many a loop issued.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@redis/client';

export const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';

/** A loopback port nothing listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Starts redis-server; resolves with `url`, `port`, `commands()` (per-command call counts), `flush()` and `kill()`. */
export async function startRedis() {
  const port = await freePort();
  const directory = mkdtempSync(join(tmpdir(), 'mmd-bench-redis-'));
  const child = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', directory],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let exited = false;
  const exit = new Promise((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve(true);
    }),
  );
  await new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output}`)), 10_000);
    child.once('error', reject);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
  });
  child.stdout.resume();
  const url = `redis://127.0.0.1:${port}`;
  const admin = createClient({ url, socket: { reconnectStrategy: false } });
  admin.on('error', () => {});
  await admin.connect();
  return {
    url,
    port,
    /** Calls per command since start (`get`, `set`, …), INFO itself left out. */
    async commands() {
      const counts = {};
      for (const line of String(await admin.info('commandstats')).split('\n')) {
        const match = /^cmdstat_([^:]+):calls=(\d+)/.exec(line.trim());
        if (match && match[1] !== 'info') counts[match[1]] = Number(match[2]);
      }
      return counts;
    },
    flush: () => admin.flushAll(),
    /** SIGKILL: an outage, not a shutdown. */
    async kill() {
      if (exited) return;
      admin.destroy();
      child.kill('SIGKILL');
      await exit;
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** The commands in `after` not in `before`, total and by name. */
export function commandsBetween(before, after) {
  const byName = {};
  let total = 0;
  for (const [name, calls] of Object.entries(after)) {
    const added = calls - (before[name] ?? 0);
    if (added > 0) {
      byName[name] = added;
      total += added;
    }
  }
  return { total, byName };
}
