// 10. OpenTelemetry cost (issue 14): listDevices and a warm getToken in three kinds of process, each
// a fresh child (the static server in another process): `@opentelemetry/api` absent from resolution
// (hidden by lib/hide-opentelemetry.cjs), installed without a provider, and installed with a
// registered provider (BasicTracerProvider, AlwaysOn sampling, SimpleSpanProcessor to a no-op exporter
// that counts spans; a MeterProvider with a periodic reader; the async-hooks context manager).
// Children alternate, ROUNDS rounds; medians over the rounds, and the median of each round's ratios
// (the three processes of a round run back to back, on the same moment of a noisy machine). Goal: with a provider ≤ 1.10× without.
// The OpenTelemetry SDK packages are resolved from packages/api (its devDependencies).
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { format, median, microsPerOperation, printTable } from './lib/measure.mjs';
import { startServerProcess } from './lib/start-server-process.mjs';

const self = fileURLToPath(import.meta.url);
const hide = fileURLToPath(new URL('./lib/hide-opentelemetry.cjs', import.meta.url));
const ROUNDS = 7;
const CALLS = 200;
const RUNS = 3;
const WARMUP_CALLS = 200;
const MODES = {
  absent: '`@opentelemetry/api` absent (not resolvable)',
  installed: '`@opentelemetry/api` installed, no provider registered',
  provider: 'registered tracer + meter provider (AlwaysOn, SimpleSpanProcessor, no-op exporter)',
};

function registerProvider() {
  const fromApi = createRequire(new URL('../packages/api/package.json', import.meta.url));
  const { context, metrics, trace } = fromApi('@opentelemetry/api');
  const { AlwaysOnSampler, BasicTracerProvider, SimpleSpanProcessor } = fromApi(
    '@opentelemetry/sdk-trace-base',
  );
  const { AsyncLocalStorageContextManager } = fromApi('@opentelemetry/context-async-hooks');
  const { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } =
    fromApi('@opentelemetry/sdk-metrics');
  const exported = { spans: 0 };
  const exporter = {
    export(spans, done) {
      exported.spans += spans.length;
      done({ code: 0 });
    },
    shutdown: async () => {},
  };
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(
    new BasicTracerProvider({
      sampler: new AlwaysOnSampler(),
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    }),
  );
  metrics.setGlobalMeterProvider(
    new MeterProvider({
      readers: [
        new PeriodicExportingMetricReader({
          exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE),
          exportIntervalMillis: 60_000,
        }),
      ],
    }),
  );
  return exported;
}

async function measureChild(mode, serverJson) {
  const server = JSON.parse(serverJson);
  const exported = mode === 'provider' ? registerProvider() : undefined;
  const { ClientSecretCredential, createMmdClient } = await import('@mmd-sdk/mmd-api');
  const credential = new ClientSecretCredential({
    tenantId: server.tenantId,
    clientId: 'f4e3d2c1-b0a9-4876-9543-210fedcba987',
    clientSecret: 'benchmark-secret-value',
    authorityHost: server.origin,
  });
  const mmd = createMmdClient({
    credential,
    tenantId: server.tenantId,
    baseUrl: server.baseUrl,
    logLevel: 'off',
  });
  for (let index = 0; index < WARMUP_CALLS; index++) await mmd.listDevices();
  const { median: listMicros } = await microsPerOperation(
    async (count) => {
      for (let index = 0; index < count; index++) await mmd.listDevices();
    },
    { iterations: CALLS, runs: RUNS, warmup: 0 },
  );
  const { median: tokenMicros } = await microsPerOperation(
    async (count) => {
      for (let index = 0; index < count; index++) await credential.getToken();
    },
    { iterations: 50_000, runs: 5 },
  );
  const loaded = Object.keys(createRequire(import.meta.url).cache).some((path) =>
    path.includes('@opentelemetry/api/'),
  );
  console.log(JSON.stringify({ listMicros, tokenMicros, loaded, spans: exported?.spans }));
  process.exit(0);
}

function runChild(mode, server) {
  const address = JSON.stringify({
    origin: server.origin,
    baseUrl: server.baseUrl,
    tenantId: server.tenantId,
  });
  const args = [...(mode === 'absent' ? ['--require', hide] : []), self, mode, address];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { encoding: 'utf8', timeout: 60_000 }, (error, stdout) => {
      if (error) reject(error);
      else resolve(JSON.parse(stdout.trim().split('\n').at(-1)));
    });
  });
}

export async function benchOpenTelemetryCost() {
  const server = await startServerProcess(10);
  const names = Object.keys(MODES);
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const order = [...names];
      for (let shift = 0; shift < round % order.length; shift++) order.push(order.shift());
      for (const name of order) samples[name].push(await runChild(name, server));
    }
  } finally {
    await server.stop();
  }
  const figures = {};
  for (const name of names) {
    const runs = samples[name];
    figures[name] = {
      list: median(runs.map((run) => run.listMicros)),
      token: median(runs.map((run) => run.tokenMicros)),
      loaded: runs.every((run) => run.loaded),
      spans: runs[0].spans,
      // Paired: each round's ratio, then the median of those.
      listRatio: median(runs.map((run, round) => run.listMicros / samples.installed[round].listMicros)),
      tokenRatio: median(runs.map((run, round) => run.tokenMicros / samples.absent[round].tokenMicros)),
    };
  }
  if (figures.absent.loaded || !figures.installed.loaded)
    throw new Error('@opentelemetry/api was not hidden/loaded as meant');
  if (!(figures.provider.spans > 0)) throw new Error('the provider exported no spans');
  printTable(
    `10. OpenTelemetry cost: listDevices (10 devices, ${CALLS} sequential calls × ${RUNS}, median) and warm getToken, each kind of process fresh, ${ROUNDS} alternating rounds, medians`,
    [
      'process',
      'listDevices µs per call',
      'ratio to no provider (median of round ratios)',
      'warm getToken µs',
      'ratio to absent (median of round ratios)',
    ],
    names.map((name) => [
      MODES[name] +
        (name === 'provider'
          ? ` (${figures.provider.spans.toLocaleString('en')} spans exported in one process)`
          : ''),
      format.micros(figures[name].list),
      format.ratio(figures[name].listRatio),
      format.micros(figures[name].token),
      format.ratio(figures[name].tokenRatio),
    ]),
  );
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv[3]) await measureChild(process.argv[2], process.argv[3]);
  else await benchOpenTelemetryCost();
}
