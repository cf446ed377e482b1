// 7. listDevices under load: 64 concurrent callers share a fixed number of calls against the static
// loopback server (10 devices per answer), which runs in its own process. Each client runs in a fresh
// child process of its own, so the CPU time counted (`process.cpuUsage()` over the measured calls) is
// that client's alone. Runs alternate between the clients; medians of RUNS runs.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CLIENT_LABELS, createApiClients, PEER_NAMES } from './lib/api-clients.mjs';
import { format, median, printTable } from './lib/measure.mjs';
import { startServerProcess } from './lib/start-server-process.mjs';

const self = fileURLToPath(import.meta.url);
const CALLERS = 64;
const WARMUP_CALLS = 400;
const CALLS = 1_200;
const RUNS = 3;
/** A warm-up or a run stops here even if its calls are not all done (the calls made are what is counted). */
const RUN_LIMIT_MS = 5_000;

/** `calls` calls of `call`, `CALLERS` at a time, or fewer if `limitMs` ends first; resolves with how many were made. */
async function drive(call, calls, limitMs) {
  const endAt = performance.now() + limitMs;
  let started = 0;
  let done = 0;
  const caller = async () => {
    while (started < calls && performance.now() < endAt) {
      started++;
      await call();
      done++;
    }
  };
  await Promise.all(Array.from({ length: CALLERS }, caller));
  return done;
}

async function measureChild(name, serverJson) {
  const server = JSON.parse(serverJson);
  const { [name]: call } = await createApiClients(server, [name]);
  await drive(call, WARMUP_CALLS, RUN_LIMIT_MS);
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const calls = await drive(call, CALLS, RUN_LIMIT_MS);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  console.log(JSON.stringify({ calls, seconds, cpuMicros: cpu.user + cpu.system }));
  // Open keep-alive sockets would hold the process a few seconds more.
  process.exit(0);
}

function runChild(name, server) {
  const address = JSON.stringify({
    origin: server.origin,
    baseUrl: server.baseUrl,
    tenantId: server.tenantId,
  });
  return new Promise((resolve, reject) => {
    execFile('node', [self, name, address], { encoding: 'utf8', timeout: 60_000 }, (error, stdout) => {
      if (error) reject(error);
      else resolve(JSON.parse(stdout.trim().split('\n').at(-1)));
    });
  });
}

export async function benchApiConcurrency({ names = PEER_NAMES } = {}) {
  const server = await startServerProcess(10);
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  try {
    for (let run = 0; run < RUNS; run++) {
      // Rotate which goes first, so none always runs on a warmer (or busier) machine.
      const order = [...names];
      for (let shift = 0; shift < run % order.length; shift++) order.push(order.shift());
      for (const name of order) samples[name].push(await runChild(name, server));
    }
  } finally {
    await server.stop();
  }
  const figures = {};
  for (const name of names) {
    const runs = samples[name];
    figures[name] = {
      callsPerSecond: median(runs.map((run) => run.calls / run.seconds)),
      cpuMicrosPerCall: median(runs.map((run) => run.cpuMicros / run.calls)),
      calls: Math.min(...runs.map((run) => run.calls)),
    };
  }
  const bare = figures.bare;
  printTable(
    `7. listDevices with ${CALLERS} concurrent callers (10 devices per answer), ${CALLS.toLocaleString('en')} calls per run after ${WARMUP_CALLS.toLocaleString('en')} warm-up calls, each client in its own process, server in another; median of ${RUNS} runs`,
    ['client', 'calls per second', 'CPU µs per call', 'CPU ratio to bare fetch'],
    names.map((name) => [
      CLIENT_LABELS[name],
      figures[name].callsPerSecond.toFixed(0),
      format.micros(figures[name].cpuMicrosPerCall),
      bare ? format.ratio(figures[name].cpuMicrosPerCall / bare.cpuMicrosPerCall) : '',
    ]),
  );
  if (names.some((name) => figures[name].calls < CALLS)) {
    console.log(
      `\nSome runs reached the ${RUN_LIMIT_MS / 1000} s limit before ${CALLS} calls; their calls made are counted.`,
    );
  }
  return figures;
}

// Only when run as a script: run-all imports this file with its own arguments (`--only=…`).
if (import.meta.url === `file://${process.argv[1]}`) {
  const only = process.argv.find((argument) => argument.startsWith('--clients='));
  if (process.argv[3] && !only) await measureChild(process.argv[2], process.argv[3]);
  else await benchApiConcurrency(only ? { names: only.slice('--clients='.length).split(',') } : {});
}
