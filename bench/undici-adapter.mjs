// 8. Prototype for issue 15: createMmdClient with `fetch` set to a fetch over undici's `request`
// (lib/undici-fetch-adapter.mjs) against the same client on Node's fetch. Both clients live in one
// child process (the server in another, so the CPU counted is the clients'), and take turns in blocks:
// sequential calls, then 64 concurrent callers. Each block pair is measured on the same machine
// moment; the table gives the medians over the pairs, and the median of the paired savings.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createApiClients } from './lib/api-clients.mjs';
import { format, median, printTable } from './lib/measure.mjs';
import { startServerProcess } from './lib/start-server-process.mjs';

const self = fileURLToPath(import.meta.url);
const PAIRS = 11;
const SEQUENTIAL_CALLS = 200;
const CALLERS = 64;
const CONCURRENT_CALLS = 640;
const WARMUP_CALLS = 300;
/** A block stops here even if its calls are not all done (the calls made are what is counted). */
const BLOCK_LIMIT_MS = 4_000;

/** Runs `calls` calls, `callers` at a time, within `BLOCK_LIMIT_MS`: wall and CPU µs per call. */
async function block(call, calls, callers) {
  const endAt = performance.now() + BLOCK_LIMIT_MS;
  let started = 0;
  let done = 0;
  const caller = async () => {
    while (started < calls && performance.now() < endAt) {
      started++;
      await call();
      done++;
    }
  };
  const cpuBefore = process.cpuUsage();
  const wallBefore = process.hrtime.bigint();
  await Promise.all(Array.from({ length: callers }, caller));
  const wall = Number(process.hrtime.bigint() - wallBefore) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { wall: wall / done, cpu: (cpu.user + cpu.system) / done, perSecond: done / (wall / 1e6) };
}

async function measureChild(serverJson) {
  const server = JSON.parse(serverJson);
  const clients = await createApiClients(server, ['sdk', 'sdkUndici']);
  for (const call of Object.values(clients)) await block(call, WARMUP_CALLS, CALLERS);
  const samples = { sequential: [], concurrent: [] };
  for (let pair = 0; pair < PAIRS; pair++) {
    // Alternate which goes first.
    const order = pair % 2 ? ['sdkUndici', 'sdk'] : ['sdk', 'sdkUndici'];
    for (const [mode, calls, callers] of [
      ['sequential', SEQUENTIAL_CALLS, 1],
      ['concurrent', CONCURRENT_CALLS, CALLERS],
    ]) {
      const result = {};
      for (const name of order) result[name] = await block(clients[name], calls, callers);
      samples[mode].push(result);
    }
  }
  console.log(JSON.stringify(samples));
  process.exit(0);
}

export async function benchUndiciAdapter() {
  const server = await startServerProcess(10);
  let samples;
  try {
    const address = JSON.stringify({
      origin: server.origin,
      baseUrl: server.baseUrl,
      tenantId: server.tenantId,
    });
    samples = await new Promise((resolve, reject) => {
      execFile(
        'node',
        [self, '--child', address],
        { encoding: 'utf8', timeout: 180_000 },
        (error, stdout) => {
          if (error) reject(error);
          else resolve(JSON.parse(stdout.trim().split('\n').at(-1)));
        },
      );
    });
  } finally {
    await server.stop();
  }
  const figures = {};
  const rows = [];
  for (const [mode, label] of [
    ['sequential', 'sequential calls'],
    ['concurrent', `${CALLERS} concurrent callers`],
  ]) {
    const pairs = samples[mode];
    const of = (name, field) => median(pairs.map((pair) => pair[name][field]));
    // The median of the paired savings, not the difference of medians: each pair shares a moment.
    const saved = (field) => median(pairs.map((pair) => 1 - pair.sdkUndici[field] / pair.sdk[field]));
    figures[mode] = {
      sdk: { wall: of('sdk', 'wall'), cpu: of('sdk', 'cpu'), perSecond: of('sdk', 'perSecond') },
      sdkUndici: {
        wall: of('sdkUndici', 'wall'),
        cpu: of('sdkUndici', 'cpu'),
        perSecond: of('sdkUndici', 'perSecond'),
      },
      savedWall: saved('wall'),
      savedCpu: saved('cpu'),
    };
    const { sdk, sdkUndici, savedWall, savedCpu } = figures[mode];
    const percent = (value) => `${(value * 100).toFixed(0)}%`;
    rows.push(
      [`${label}: µs per call`, format.micros(sdk.wall), format.micros(sdkUndici.wall), percent(savedWall)],
      [`${label}: CPU µs per call`, format.micros(sdk.cpu), format.micros(sdkUndici.cpu), percent(savedCpu)],
    );
    if (mode === 'concurrent') {
      const gained = median(pairs.map((pair) => pair.sdkUndici.perSecond / pair.sdk.perSecond - 1));
      rows.push([
        `${label}: calls per second`,
        sdk.perSecond.toFixed(0),
        sdkUndici.perSecond.toFixed(0),
        `${percent(gained)} more`,
      ]);
    }
  }
  printTable(
    `8. Prototype: createMmdClient with fetch over undici.request (bench/lib/undici-fetch-adapter.mjs) vs Node’s fetch, one process, server in another, ${PAIRS} alternating pairs of blocks (${SEQUENTIAL_CALLS} sequential calls; ${CONCURRENT_CALLS} calls by ${CALLERS} callers), medians`,
    [
      'measure',
      'createMmdClient (Node’s fetch)',
      'createMmdClient({ fetch: undici adapter })',
      'saved (median of pairs)',
    ],
    rows,
  );
  return figures;
}

// Only when run as a script: run-all imports this file with its own arguments (`--only=…`).
if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv[2] === '--child') await measureChild(process.argv[3]);
  else await benchUndiciAdapter();
}
