// 9. Fleet tokens (issue 12): token stores shared between processes, against a real redis-server
// (random loopback port, no persistence, killed after) and the static server's token endpoint, which
// counts the token requests in its own process. Every token source runs in processes of its own.
//   a. Fleet cold start: FLEET processes × CALLERS concurrent cold getToken calls, one Redis.
//   b. Warm path with the Redis store configured: µs per call, and the Redis commands the loop issued.
//   c. Process restart with the file store: a new process's first getToken, served from the file.
//   d. Redis down: OUTAGE_PROCESSES × OUTAGE_CALLS getToken calls with Redis killed before, or killed
//      the moment the calls start, against the same processes with no store.
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFleetTokenSource } from './lib/fleet-token-sources.mjs';
import { format, median, microsPerOperation, printTable } from './lib/measure.mjs';
import { commandsBetween, startRedis } from './lib/redis-server.mjs';
import { startServerProcess } from './lib/start-server-process.mjs';

const self = fileURLToPath(import.meta.url);
const FLEET = 8;
const CALLERS = 250;
const OURS_FLEET_RUNS = 2;
const RESTARTS = 5;
const OUTAGE_PROCESSES = 4;
const OUTAGE_CALLS = 2_500;
const CHILD_LIMIT_MS = 60_000;

const LABELS = {
  'ours-redis': '@mmd-sdk/mmd-auth + createRedisTokenStore',
  'ours-file': '@mmd-sdk/mmd-auth + createFileTokenStore',
  'ours-none': '@mmd-sdk/mmd-auth, no store (memory only)',
  msal: '@azure/msal-node 7.2.3, per-process memory cache',
  'msal-redis': '@azure/msal-node 7.2.3 + DistributedCachePlugin over Redis (as MSAL documents)',
};

// ---- the child: one process of the fleet ----

let firstError;
async function settleAll(promises) {
  const results = await Promise.allSettled(promises);
  const failed = results.filter((result) => result.status === 'rejected');
  firstError ??= failed[0] && String(failed[0].reason?.message ?? failed[0].reason).slice(0, 160);
  return failed.length;
}

const tasks = {
  /** CALLERS concurrent cold calls. */
  async cold(source) {
    const started = performance.now();
    const failures = await settleAll(Array.from({ length: CALLERS }, () => source.getToken()));
    return { failures, ms: performance.now() - started };
  },
  /** One call primes the caches; the parent snapshots Redis; then the warm loop. */
  async warm(source, { iterations, runs }, waitForGo) {
    await source.getToken();
    await waitForGo('primed');
    let calls = 0;
    const { median: micros } = await microsPerOperation(
      async (count) => {
        for (let index = 0; index < count; index++) await source.getToken();
        calls += count;
      },
      { iterations, runs },
    );
    return { micros, calls };
  },
  /** A restarted process: its first getToken (the in-memory cache is empty), timed. */
  async first(source) {
    const started = performance.now();
    await source.getToken();
    return { ms: performance.now() - started };
  },
  /** OUTAGE_CALLS calls: CALLERS concurrent cold ones, then the rest CALLERS at a time. */
  async outage(source) {
    const started = performance.now();
    let failures = 0;
    let firstWaveMs;
    for (let done = 0; done < OUTAGE_CALLS; done += CALLERS) {
      failures += await settleAll(
        Array.from({ length: Math.min(CALLERS, OUTAGE_CALLS - done) }, () => source.getToken()),
      );
      firstWaveMs ??= performance.now() - started;
    }
    return { failures, ms: performance.now() - started, firstWaveMs, calls: OUTAGE_CALLS };
  },
};

async function child() {
  const next = () => new Promise((resolve) => process.once('message', resolve));
  const { kind, task, config, options } = await next();
  const source = await createFleetTokenSource(kind, config);
  const waitForGo = async (state) => {
    process.send({ state });
    await next();
  };
  await waitForGo('ready');
  const result = await tasks[task](source, options, waitForGo);
  process.send({ state: 'done', result: { ...result, firstError } });
  await source.close().catch(() => {});
  process.exit(0);
}

// ---- the parent ----

/** Forks `count` children of `kind` doing `task`; `hooks[state]` runs once all reached `state`, before they go on. */
async function fleet(count, kind, task, config, { options, hooks = {} } = {}) {
  const children = Array.from({ length: count }, () =>
    fork(self, ['child'], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
  );
  const timer = setTimeout(() => {
    for (const process of children) process.kill('SIGKILL');
  }, CHILD_LIMIT_MS);
  try {
    const states = children.map(
      (process) =>
        new Promise((resolve, reject) => {
          process.once('exit', (code) => reject(new Error(`a ${kind} ${task} process exited with ${code}`)));
          const seen = [];
          process.on('message', (message) => {
            seen.push(message);
            if (message.state === 'done') resolve(message.result);
          });
          process.seen = seen;
        }),
    );
    const reached = (state) =>
      Promise.all(
        children.map(
          (process) =>
            new Promise((resolve) => {
              const check = () =>
                process.seen.some((message) => message.state === state) ? resolve() : undefined;
              if (!check()) process.on('message', check);
            }),
        ),
      );
    for (const process of children) process.send({ kind, task, config, options });
    for (const state of ['ready', ...(task === 'warm' ? ['primed'] : [])]) {
      await reached(state);
      await hooks[state]?.();
      for (const process of children) process.send('go');
    }
    const started = performance.now();
    await hooks.go?.();
    const results = await Promise.all(
      states.map((state) => state.catch((error) => ({ error: error.message }))),
    );
    return { results, ms: performance.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

export async function benchFleetTokens() {
  const server = await startServerProcess(10);
  const redis = await startRedis();
  const directory = mkdtempSync(join(tmpdir(), 'mmd-bench-tokens-'));
  const config = {
    origin: server.origin,
    tenantId: server.tenantId,
    redisUrl: redis.url,
    encryptionKey: randomBytes(32).toString('base64'),
    directory,
  };
  const figures = {};
  try {
    // a. Fleet cold start.
    const coldRows = [];
    for (const [kind, runs] of [
      ['ours-redis', OURS_FLEET_RUNS],
      ['msal', 1],
      ['msal-redis', 1],
    ]) {
      const counts = [];
      const errors = new Set();
      let failures = 0;
      const times = [];
      for (let run = 0; run < runs; run++) {
        await redis.flush();
        const before = await server.tokenRequests();
        const { results, ms } = await fleet(FLEET, kind, 'cold', config);
        counts.push((await server.tokenRequests()) - before);
        failures += results.reduce((sum, result) => sum + (result.error ? CALLERS : result.failures), 0);
        for (const result of results)
          if (result.error ?? result.firstError) errors.add(result.error ?? result.firstError);
        times.push(ms);
      }
      figures[kind] = { coldRequests: counts, coldFailures: failures, errors: [...errors] };
      coldRows.push([LABELS[kind], counts.join(', '), String(failures), `${median(times).toFixed(0)} ms`]);
    }
    printTable(
      `9a. Fleet cold start: ${FLEET} processes × ${CALLERS} concurrent cold getToken calls, one Redis (goal: 1 token request)`,
      ['token source', 'token requests sent (per run)', 'failed calls', 'time for all (median)'],
      coldRows,
    );
    for (const kind of Object.keys(figures)) {
      if (figures[kind].errors.length > 0)
        console.log(`\n${LABELS[kind]}, failures: ${figures[kind].errors.join('; ')}`);
    }

    // b. Warm path with a store configured.
    const warmRows = [];
    for (const [kind, iterations, runs] of [
      ['ours-none', 200_000, 7],
      ['ours-redis', 200_000, 7],
      ['msal', 2_000, 5],
      ['msal-redis', 500, 5],
    ]) {
      await redis.flush();
      let before;
      const { results } = await fleet(1, kind, 'warm', config, {
        options: { iterations, runs },
        hooks: {
          primed: async () => {
            before = await redis.commands();
          },
        },
      });
      const after = await redis.commands();
      const [{ micros, calls, error }] = results;
      if (error) throw new Error(error);
      const issued = commandsBetween(before, after);
      figures[kind] ??= {};
      figures[kind].warm = { micros, commands: issued.total, calls, reads: issued.byName.get ?? 0 };
      warmRows.push([
        LABELS[kind],
        format.micros(micros),
        calls.toLocaleString('en'),
        issued.total.toLocaleString('en'),
        (issued.total / calls).toFixed(2),
        Object.entries(issued.byName)
          .map(([name, count]) => `${name} ${count.toLocaleString('en')}`)
          .join(', ') || 'none',
      ]);
    }
    const oursWarm = figures['ours-none'].warm.micros;
    printTable(
      '9b. Warm getToken with a store configured, each in a process of its own: median µs per call (ratio to ours without a store), and the Redis commands issued during the warm loop (goal: ≤ 0.5 µs, 0 commands)',
      ['token source', 'µs per call', 'calls in the loop', 'Redis commands', 'per call', 'by command'],
      warmRows.map((row, _index) => [
        row[0],
        `${row[1]} (${format.ratio(parseFloat(row[1]) / oursWarm)})`,
        ...row.slice(2),
      ]),
    );

    // c. Process restart with the file store.
    const beforeFirst = await server.tokenRequests();
    const {
      results: [writer],
    } = await fleet(1, 'ours-file', 'first', config);
    const afterWriter = await server.tokenRequests();
    const restarts = [];
    for (let run = 0; run < RESTARTS; run++) {
      const {
        results: [restarted],
      } = await fleet(1, 'ours-file', 'first', config);
      restarts.push(restarted.ms);
    }
    const afterRestarts = await server.tokenRequests();
    figures.restart = { ms: median(restarts), requests: afterRestarts - afterWriter };
    printTable(
      `9c. Process restart with the file store: the first getToken of a new process (${RESTARTS} restarts; goal ≤ 5 ms, no token request)`,
      ['process', 'first getToken', 'token requests sent'],
      [
        [
          'first process (empty store: fetches, writes the file)',
          format.millis(writer.ms),
          String(afterWriter - beforeFirst),
        ],
        [
          `restarted process (median of ${RESTARTS}; all: ${restarts.map((ms) => ms.toFixed(1)).join(', ')} ms)`,
          format.millis(median(restarts)),
          String(afterRestarts - afterWriter),
        ],
      ],
    );

    // d. Redis down.
    const outageRows = [];
    const outage = async (label, kind, outageConfig, hooks) => {
      const before = await server.tokenRequests();
      const { results, ms } = await fleet(OUTAGE_PROCESSES, kind, 'outage', outageConfig, { hooks });
      const requests = (await server.tokenRequests()) - before;
      const failures = results.reduce(
        (sum, result) => sum + (result.error ? OUTAGE_CALLS : result.failures),
        0,
      );
      const firstWave = Math.max(...results.map((result) => result.firstWaveMs ?? Number.NaN));
      outageRows.push([
        label,
        (OUTAGE_PROCESSES * OUTAGE_CALLS).toLocaleString('en'),
        String(failures),
        String(requests),
        `${firstWave.toFixed(0)} ms`,
        `${ms.toFixed(0)} ms`,
      ]);
      return { failures, requests };
    };
    figures.outage = {};
    figures.outage.none = await outage(LABELS['ours-none'], 'ours-none', config);
    const dead = await startRedis();
    await dead.kill();
    figures.outage.before = await outage('+ Redis store, Redis killed before the run', 'ours-redis', {
      ...config,
      redisUrl: dead.url,
    });
    await redis.flush();
    figures.outage.mid = await outage(
      '+ Redis store, Redis killed as the calls start',
      'ours-redis',
      config,
      {
        go: () => redis.kill(),
      },
    );
    printTable(
      `9d. Redis down: ${OUTAGE_PROCESSES} processes × ${OUTAGE_CALLS.toLocaleString('en')} getToken calls (${CALLERS} concurrent at a time, cold at the start); goal: 0 failures, no more token requests than without a store`,
      [
        '@mmd-sdk/mmd-auth',
        'calls',
        'failed',
        'token requests sent',
        'first wave (slowest process)',
        'time for all',
      ],
      outageRows,
    );
  } finally {
    await redis.kill();
    await server.stop();
    rmSync(directory, { recursive: true, force: true });
  }
  return figures;
}

if (process.argv[2] === 'child') await child();
else if (import.meta.url === `file://${process.argv[1]}`) await benchFleetTokens();
