// 5. Pagination memory: iterate N devices with `paginate` (pageSize 1,000) from a loopback server and
// record the peak RSS growth over the baseline, for 10,000 and 100,000 devices, each in a fresh
// process (median of 3). Goal: flat, no growth with the item count.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { format, median, printTable } from './lib/measure.mjs';
import { startServerProcess } from './lib/start-server-process.mjs';

const self = fileURLToPath(import.meta.url);

async function measureChild(total) {
  const { createStaticServerClient } = await import('./lib/static-api-server.mjs');
  const server = await startServerProcess(total);
  const mmd = await createStaticServerClient(server);
  // Warm up: the first pages load code, fill the connection pool and reach a steady heap.
  await mmd.paginate('listDevices', {}, { pageSize: 1_000 }).toArray({ limit: 3_000 });
  global.gc();
  const baseline = process.memoryUsage();
  let peak = baseline.rss;
  let count = 0;
  for await (const device of mmd.paginate('listDevices', {}, { pageSize: 1_000 })) {
    if (device.serialNumber) count++;
    if (count % 500 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  global.gc();
  const retained = process.memoryUsage().heapUsed - baseline.heapUsed;
  server.stop();
  console.log(JSON.stringify({ count, growth: peak - baseline.rss, retained }));
}

export async function benchPaginationMemory() {
  const rows = [];
  const figures = {};
  for (const total of [10_000, 100_000, 300_000]) {
    const runs = [];
    for (let run = 0; run < 3; run++) {
      const output = execFileSync('node', ['--expose-gc', self, String(total)], { encoding: 'utf8' });
      runs.push(JSON.parse(output.trim().split('\n').at(-1)));
    }
    if (runs.some((run) => run.count !== total))
      throw new Error(`paginate did not yield all ${total} devices`);
    const growth = median(runs.map((run) => run.growth));
    const retained = median(runs.map((run) => run.retained));
    figures[total] = { growth, retained };
    rows.push([
      total.toLocaleString('en'),
      String(total / 1_000),
      format.bytes(growth),
      format.bytes(Math.max(retained, 0)),
    ]);
  }
  rows.push([
    'ratio 300,000 / 100,000',
    '',
    format.ratio(figures[300_000].growth / Math.max(figures[100_000].growth, 1)),
    '',
  ]);
  printTable(
    '5. paginate over N devices (pageSize 1,000), server in another process: peak RSS growth over the warmed-up baseline, and heap still held after GC, median of 3 processes',
    ['devices', 'pages', 'peak RSS growth', 'heap retained after GC'],
    rows,
  );
  return figures;
}

// Only when run as a script: run-all imports this file with its own arguments (`--only=…`).
if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv[2]) await measureChild(Number(process.argv[2]));
  else await benchPaginationMemory();
}
