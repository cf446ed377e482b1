// 8. Where a listDevices call's CPU goes: the SDK, openapi-fetch, Azure's pipeline and the undici
// floor profiled in one process (`node --cpu-prof`, sampling every 100 µs), taking turns; each
// sample is charged to the library layer that caused it (profile-summary.mjs). What tables 4 and 7
// cannot say: which layer a difference comes from.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printTable } from './lib/measure.mjs';
import { profileListDevices } from './profile-list-devices.mjs';
import { costsByLayer } from './profile-summary.mjs';

const CALLS = 4_000;
const CLIENTS = ['sdk', 'openapiFetch', 'azurePipeline', 'undici'];
/** Column names: the rows of tables 4 and 7, shortened. */
const COLUMNS = {
  sdk: 'createMmdClient (its own pool)',
  openapiFetch: 'openapi-fetch 0.17.0',
  azurePipeline: '@azure/core-rest-pipeline 1.22.2',
  undici: 'undici.request (the floor)',
};

export async function benchCpuByLayer() {
  const { profileFile, marksFile } = profileListDevices({
    calls: CALLS,
    clients: CLIENTS,
    out: join(tmpdir(), `mmd-bench-profile-${process.pid}`),
  });
  const { rows, totals } = costsByLayer(profileFile, marksFile);
  const micros = (value) => (value === 0 ? '' : value.toFixed(1));
  printTable(
    `8. Where a listDevices call's CPU goes: µs per call caused by each layer, ${CALLS.toLocaleString('en')} sequential calls per client in 10 interleaved rounds, one profiled process (node --cpu-prof, every 100 µs), server in another, Node ${process.version}`,
    ['layer', ...CLIENTS.map((client) => COLUMNS[client])],
    [
      ...rows
        .filter((row) => CLIENTS.some((client) => row.values[client] >= 0.5))
        .map((row) => [row.label, ...CLIENTS.map((client) => micros(row.values[client]))]),
      ['**all CPU**', ...CLIENTS.map((client) => `**${totals[client].toFixed(1)}**`)],
    ],
  );
  const largest = rows
    .filter((row) => row.values.sdk > 0)
    .sort((a, b) => b.values.sdk - a.values.sdk)
    .slice(0, 3)
    .map((row) => ({ label: row.label, micros: row.values.sdk }));
  return { totals, largest };
}

if (import.meta.url === `file://${process.argv[1]}`) await benchCpuByLayer();
