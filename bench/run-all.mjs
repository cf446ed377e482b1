// `pnpm bench`: every benchmark in one run, on this machine, with the anchors beside ours.
// `--only=4,7` (or `BENCH_ONLY=4,7`) runs some tables: their numbers, or names such as api-overhead.
import os from 'node:os';
import { benchApiConcurrency } from './api-concurrency.mjs';
import { benchApiOverhead, benchApiOverheadNode26 } from './api-overhead.mjs';
import { benchCliStartup } from './cli-startup.mjs';
import { benchColdConcurrency } from './cold-concurrency.mjs';
import { benchCpuByLayer } from './cpu-by-layer.mjs';
import { benchFleetTokens } from './fleet-tokens.mjs';
import { benchFootprint } from './footprint.mjs';
import { benchOpenTelemetryCost } from './opentelemetry-cost.mjs';
import { benchPaginationMemory } from './pagination-memory.mjs';
import { benchTokenStorm } from './token-storm.mjs';
import { benchWarmToken } from './warm-token.mjs';

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`# mmd-sdk benchmarks\n`);
console.log(
  `${new Date().toISOString()} · Node ${process.version} · ${os.platform()} ${os.arch()} · ${os.cpus().length} × ${cpu} · ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
);
console.log(
  'Command: `pnpm bench` (builds the packages, then runs bench/run-all.mjs). Each table measures ours and the anchors in the same run.',
);

const TABLES = [
  ['1', 'warm-token', benchWarmToken],
  ['2', 'cold-concurrency', benchColdConcurrency],
  ['3', 'footprint', benchFootprint],
  ['4', 'api-overhead', benchApiOverhead],
  ['5', 'pagination-memory', benchPaginationMemory],
  ['6', 'token-storm', benchTokenStorm],
  ['7', 'api-concurrency', benchApiConcurrency],
  ['8', 'cpu-by-layer', benchCpuByLayer],
  ['9', 'fleet-tokens', benchFleetTokens],
  ['10', 'opentelemetry-cost', benchOpenTelemetryCost],
  ['11', 'api-overhead-node26', benchApiOverheadNode26],
  ['12', 'cli-startup', benchCliStartup],
];
const onlyArgument = process.argv.find((argument) => argument.startsWith('--only='))?.slice('--only='.length);
const only = (onlyArgument ?? process.env.BENCH_ONLY)?.split(',').filter(Boolean);
if (only?.some((wanted) => !TABLES.some(([number, name]) => wanted === number || wanted === name))) {
  throw new Error(
    `--only takes table numbers or names: ${TABLES.map(([number, name]) => `${number} ${name}`).join(', ')}`,
  );
}
const results = {};
for (const [number, name, bench] of TABLES) {
  if (only && !only.includes(number) && !only.includes(name)) continue;
  const started = performance.now();
  results[name] = await bench();
  // On stderr, so the tables on stdout stay pasteable: what each table costs of the run's time budget.
  console.error(`(table ${number}, ${name}: ${((performance.now() - started) / 1000).toFixed(0)} s)`);
}
const {
  'warm-token': warm,
  'cold-concurrency': cold,
  footprint,
  'api-overhead': overhead,
  'api-concurrency': concurrency,
  'pagination-memory': memory,
  'token-storm': storm,
  'fleet-tokens': fleetTokens,
  'opentelemetry-cost': telemetry,
  'api-overhead-node26': overhead26,
  'cli-startup': cli,
} = results;

const ours = footprint?.['@mmd-sdk/mmd-auth'];
const goals = [
  warm && [
    'warm getToken ≥ 50× faster than MSAL Node and @azure/identity',
    `${(warm.anchors['msal-node'] / warm.ours).toFixed(0)}× / ${(warm.anchors['azure-identity'] / warm.ours).toFixed(0)}×`,
    Math.min(warm.anchors['msal-node'], warm.anchors['azure-identity']) / warm.ours >= 50,
  ],
  cold && [
    '1 token request for 1,000 cold concurrent calls',
    String(cold['mmd-auth']),
    cold['mmd-auth'] === 1,
  ],
  ours && ['installed size ≤ 500 kB', `${(ours.size / 1024).toFixed(0)} kB`, ours.size <= 500 * 1024],
  ours && [
    'import ≤ 15 ms',
    `${ours.esm.toFixed(1)} ms (import) / ${ours.cjs.toFixed(1)} ms (require)`,
    Math.max(ours.esm, ours.cjs) <= 15,
  ],
  overhead?.overhead !== undefined && [
    'listDevices ≤ 15% slower than bare fetch',
    `${(overhead.overhead * 100).toFixed(0)}% (ky alone: ${((overhead.ky / overhead.bare - 1) * 100).toFixed(0)}%)`,
    overhead.overhead <= 0.15,
  ],
  overhead?.sdk && [
    'listDevices per call ≤ openapi-fetch (table 4)',
    `${(overhead.sdk / overhead.openapiFetch).toFixed(2)}× (${overhead.sdk.toFixed(0)} vs ${overhead.openapiFetch.toFixed(0)} µs; @azure/core-rest-pipeline ${overhead.azurePipeline.toFixed(0)} µs)`,
    overhead.sdk <= overhead.openapiFetch,
  ],
  concurrency?.sdk && [
    '64 callers: CPU per call within 1.2× @azure/core-rest-pipeline (table 7)',
    `${(concurrency.sdk.cpuMicrosPerCall / concurrency.azurePipeline.cpuMicrosPerCall).toFixed(2)}× (openapi-fetch: ${(concurrency.openapiFetch.cpuMicrosPerCall / concurrency.azurePipeline.cpuMicrosPerCall).toFixed(2)}×)`,
    concurrency.sdk.cpuMicrosPerCall <= concurrency.azurePipeline.cpuMicrosPerCall * 1.2,
  ],
  concurrency?.sdk && [
    '64 callers: calls per second ≥ @azure/core-rest-pipeline (table 7)',
    `${concurrency.sdk.callsPerSecond.toFixed(0)} vs ${concurrency.azurePipeline.callsPerSecond.toFixed(0)} (openapi-fetch: ${concurrency.openapiFetch.callsPerSecond.toFixed(0)})`,
    concurrency.sdk.callsPerSecond >= concurrency.azurePipeline.callsPerSecond,
  ],
  overhead26?.sdk && [
    'listDevices per call ≤ openapi-fetch, on Node 26 (table 11)',
    `${(overhead26.sdk / overhead26.openapiFetch).toFixed(2)}× (${overhead26.sdk.toFixed(0)} vs ${overhead26.openapiFetch.toFixed(0)} µs)`,
    overhead26.sdk <= overhead26.openapiFetch,
  ],
  memory && [
    'pagination memory flat with the item count',
    `heap retained ${(Math.max(memory[300_000].retained, 0) / 1024).toFixed(0)} kB; RSS growth 300k/100k ${(memory[300_000].growth / Math.max(memory[100_000].growth, 1)).toFixed(2)}×`,
    memory[300_000].retained < 1_048_576 && memory[300_000].growth <= memory[100_000].growth * 1.25,
  ],
  storm && [
    'token storm: one token request per refresh window',
    `${storm['mmd-auth'].requests} for ${storm['mmd-auth'].expected} window(s) (@azure/identity: ${storm['azure-identity'].requests})`,
    storm['mmd-auth'].requests <= storm['mmd-auth'].expected,
  ],
  fleetTokens && [
    'fleet cold start: 1 token request for 8 processes × 250 cold callers on one Redis',
    `${fleetTokens['ours-redis'].coldRequests.join(', ')} (MSAL per process: ${fleetTokens.msal.coldRequests[0]}, MSAL + distributed Redis plugin: ${fleetTokens['msal-redis'].coldRequests[0]})`,
    fleetTokens['ours-redis'].coldRequests.every((count) => count === 1) &&
      fleetTokens['ours-redis'].coldFailures === 0,
  ],
  fleetTokens && [
    'warm getToken with the Redis store ≤ 0.5 µs',
    `${fleetTokens['ours-redis'].warm.micros.toFixed(2)} µs (no store, same run: ${fleetTokens['ours-none'].warm.micros.toFixed(2)} µs)`,
    fleetTokens['ours-redis'].warm.micros <= 0.5,
  ],
  fleetTokens && [
    'warm getToken issues 0 Redis commands',
    `${fleetTokens['ours-redis'].warm.commands} in ${fleetTokens['ours-redis'].warm.calls.toLocaleString('en')} calls (MSAL distributed: ${(fleetTokens['msal-redis'].warm.reads / fleetTokens['msal-redis'].warm.calls).toFixed(2)} GET per call)`,
    fleetTokens['ours-redis'].warm.commands === 0,
  ],
  fleetTokens && [
    'restarted process gets its token from the file store in ≤ 5 ms, no token request',
    `${fleetTokens.restart.ms.toFixed(1)} ms, ${fleetTokens.restart.requests} token request(s)`,
    fleetTokens.restart.ms <= 5 && fleetTokens.restart.requests === 0,
  ],
  fleetTokens && [
    'Redis down: 0 failed calls, token requests ≤ without a store',
    `failed ${fleetTokens.outage.before.failures} / ${fleetTokens.outage.mid.failures} (killed before / at start); requests ${fleetTokens.outage.before.requests} / ${fleetTokens.outage.mid.requests} vs ${fleetTokens.outage.none.requests} without a store`,
    fleetTokens.outage.before.failures + fleetTokens.outage.mid.failures === 0 &&
      Math.max(fleetTokens.outage.before.requests, fleetTokens.outage.mid.requests) <=
        fleetTokens.outage.none.requests,
  ],
  telemetry && [
    'listDevices with an OpenTelemetry provider ≤ 1.10× without',
    `${telemetry.provider.listRatio.toFixed(2)}×`,
    telemetry.provider.listRatio <= 1.1,
  ],
  telemetry && [
    'warm getToken unchanged by OpenTelemetry (installed / with provider vs absent)',
    `${telemetry.installed.tokenRatio.toFixed(2)}× / ${telemetry.provider.tokenRatio.toFixed(2)}×`,
    Math.max(telemetry.installed.tokenRatio, telemetry.provider.tokenRatio) <= 1.1,
  ],
  overhead26?.sdk && [
    'listDevices ≤ 15% slower than bare fetch, on Node 26',
    `${((overhead26.sdk / overhead26.bare - 1) * 100).toFixed(0)}% (${overhead26.node})`,
    overhead26.sdk / overhead26.bare - 1 <= 0.15,
  ],
  cli && [
    '`mmd --help` ≤ 150 ms (user environment, no NODE_EXTRA_CA_CERTS)',
    `${cli.help.toFixed(0)} ms (node -e 0: ${cli.node.toFixed(0)} ms${cli.m365.help ? `; m365 --help: ${cli.m365.help.toFixed(0)} ms` : ''})`,
    cli.help <= 150,
  ],
  cli && [
    '`mmd devices list --mock -o json` ≤ 400 ms',
    `${cli.mockList.list.toFixed(0)} ms (first run in a fresh HOME: ${cli.mockList.first.toFixed(0)} ms)`,
    cli.mockList.list <= 400,
  ],
  cli && [
    '`mmd devices list --all` peak RSS, 100k devices ≤ 1.10× 10k (ndjson, csv)',
    `${cli.streaming.ndjson.ratio.toFixed(2)}× / ${cli.streaming.csv.ratio.toFixed(2)}×`,
    Math.max(cli.streaming.ndjson.ratio, cli.streaming.csv.ratio) <= 1.1,
  ],
  cli && [
    'second `mmd` command sends no token request',
    `${cli.tokens.second} (first command: ${cli.tokens.first})`,
    cli.tokens.second === 0,
  ],
].filter(Boolean);
if (goals.length > 0) {
  console.log('\n### Goals\n');
  console.log('| goal | measured | met |');
  console.log('|---|---|---|');
  for (const [goal, measured, met] of goals) console.log(`| ${goal} | ${measured} | ${met ? 'yes' : 'no'} |`);
}
