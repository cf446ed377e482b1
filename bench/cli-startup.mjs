// 12. The `mmd` command line as users install it (the packed auth, api, mock and cli tarballs, `npm install`ed
// into an empty folder, so no workspace-only package such as @opentelemetry/api is in reach), run with
// this Node, each child in a fresh HOME
// (XDG_CONFIG_HOME, XDG_CACHE_HOME in it) and the environment of a user's shell: no AZURE_*, MMD_* nor
// NODE_OPTIONS, and no NODE_EXTRA_CA_CERTS (reading a CA bundle adds about 80 ms to every Node start;
// one row keeps it, as in a sandbox that sets it).
//   a. Start-up: `mmd --help` and `mmd --version` beside `node -e 0` (the floor) and the CLI for
//      Microsoft 365 (`m365`, installed once into ${XDG_CACHE_HOME:-~/.cache}/mmd-sdk-bench-anchors, no
//      update check, telemetry off), interleaved, median of RUNS. Goal: `mmd --help` ≤ 150 ms.
//   b. `mmd devices list --mock -o json` (in-process mock): the first run in a fresh HOME alone, then the
//      median of RUNS. Goal ≤ 400 ms.
//   c. `mmd devices list --all --page-size 1000` as ndjson and csv, from the static server in another
//      process with 10,000 and 100,000 devices: the child's peak RSS (GNU time's %M), the lines received
//      and items/s over the whole command, median of STREAM_RUNS. Goal: 100k ≤ 1.10 × 10k.
//   d. Two commands in a row with a fresh cache dir: the token requests the server counted. Goal: the
//      second sends none.
import { execFile, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { format, median, printTable } from './lib/measure.mjs';
import { startServerProcess } from './lib/start-server-process.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 7;
const STREAM_RUNS = 3;
const STREAM_TOTALS = [10_000, 100_000];
const RUN_TIMEOUT_MS = 120_000;
const M365 = '@pnp/cli-microsoft365@11.11.0';
const CLIENT_ID = 'f4e3d2c1-b0a9-4876-9543-210fedcba987';
const GNU_TIME = ['/usr/bin/time', '/bin/time'].find((path) => existsSync(path));
// Without GNU time: the child reports its own peak RSS (kB, as time's %M) to a file when it exits.
const REPORT_MAX_RSS = `data:text/javascript,${encodeURIComponent(
  "import { writeFileSync } from 'node:fs'; process.on('exit', () => writeFileSync(process.env.BENCH_MAX_RSS_FILE, String(process.resourceUsage().maxRSS)));",
)}`;
const execFileAsync = promisify(execFile);

/** A user's shell: this environment without NODE_EXTRA_CA_CERTS, NODE_OPTIONS, AZURE_* and MMD_*, in `home`. */
function userEnvironment(home, extra = {}) {
  const environment = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) =>
        !/^(AZURE_|MMD_|CLIMICROSOFT365_)/.test(name) &&
        !['NODE_EXTRA_CA_CERTS', 'NODE_OPTIONS'].includes(name),
    ),
  );
  return {
    ...environment,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    ...extra,
  };
}

const freshHome = () => mkdtempSync(join(tmpdir(), 'mmd-cli-bench-'));

/**
 * Runs this Node with `args` in `environment` (cwd its HOME). Resolves with the wall time from spawn to
 * exit, the lines written to stdout (when `lines`), and the child's peak RSS in bytes (when `rss`).
 */
function run(args, environment, { lines: countLines = false, rss = false } = {}) {
  const rssFile = rss ? join(environment.HOME, `max-rss-${process.hrtime.bigint()}`) : undefined;
  let [command, commandArgs, env] = [process.execPath, args, environment];
  if (rss && GNU_TIME) [command, commandArgs] = [GNU_TIME, ['-f', '%M', '-o', rssFile, command, ...args]];
  else if (rss) {
    commandArgs = ['--import', REPORT_MAX_RSS, ...args];
    env = { ...env, BENCH_MAX_RSS_FILE: rssFile };
  }
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, commandArgs, {
      cwd: environment.HOME,
      env,
      stdio: ['ignore', countLines ? 'pipe' : 'ignore', 'pipe'],
      timeout: RUN_TIMEOUT_MS,
    });
    let lines = 0;
    let stderr = '';
    child.stdout?.on('data', (chunk) => {
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
    });
    child.stderr.on('data', (chunk) => {
      stderr = `${stderr}${chunk}`.slice(-2_000);
    });
    child.once('error', reject);
    child.once('close', (code, signal) => {
      const ms = performance.now() - started;
      if (code !== 0) {
        const said = stderr.trim().split('\n').at(-1) ?? '';
        reject(new Error(`${args.join(' ')} exited with ${code ?? signal}: ${said}`));
        return;
      }
      const peak = rss ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)) * 1024 : undefined;
      if (rss) rmSync(rssFile, { force: true });
      resolve({ ms, lines, rss: peak });
    });
  });
}

/** One warm-up of each, then `runs` rounds, each starting one further along; the median ms of each. */
async function interleavedMedians(subjects, runs) {
  for (const subject of subjects) await subject();
  const samples = subjects.map(() => []);
  for (let round = 0; round < runs; round++) {
    for (let step = 0; step < subjects.length; step++) {
      const index = (round + step) % subjects.length;
      samples[index].push((await subjects[index]()).ms);
    }
  }
  return samples.map(median);
}

/** Files left under `folder`, relative to it. */
function filesUnder(folder, base = folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesUnder(join(folder, entry.name), base)
      : [relative(base, join(folder, entry.name))],
  );
}

/**
 * The m365 entry point, installed once (with --ignore-scripts) into the anchors cache, the way
 * scripts/check-runtimes.mjs caches runtimes: a staging folder renamed once complete.
 */
async function installM365() {
  const cacheRoot = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'mmd-sdk-bench-anchors');
  const folder = join(cacheRoot, M365.replace('/', '+'));
  const entry = join(folder, 'node_modules', '@pnp', 'cli-microsoft365', 'dist', 'index.js');
  if (existsSync(join(folder, '.complete')) && existsSync(entry)) return entry;
  mkdirSync(cacheRoot, { recursive: true });
  const staging = mkdtempSync(join(cacheRoot, '.staging-'));
  try {
    console.error(`(table 12: installing ${M365} into ${cacheRoot}, once)`);
    writeFileSync(join(staging, 'package.json'), JSON.stringify({ name: 'bench-anchors', private: true }));
    const flags = ['--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'];
    await execFileAsync('npm', ['install', '--prefix', staging, ...flags, M365], {
      timeout: 600_000,
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error) => {
      // npm's first lines say why (E404, ETARGET, ENOTFOUND…); the error's message only repeats the command.
      const said = String(error.stderr ?? '')
        .trim()
        .split('\n')
        .slice(0, 2)
        .join(' ');
      throw new Error(`npm install ${M365} failed: ${said || error.message}`);
    });
    writeFileSync(join(staging, '.complete'), `${new Date().toISOString()}\n`);
    rmSync(folder, { recursive: true, force: true });
    renameSync(staging, folder);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  if (!existsSync(entry)) throw new Error(`${M365} installed, but without ${entry}`);
  return entry;
}

/** m365's environment: no update check, telemetry off (its config file, in the fresh HOME). */
function m365Environment(home) {
  const configstore = join(home, '.config', 'configstore');
  mkdirSync(configstore, { recursive: true });
  writeFileSync(join(configstore, 'cli-m365-config.json'), JSON.stringify({ disableTelemetry: true }));
  return userEnvironment(home, { CLIMICROSOFT365_NOUPDATE: '1', NO_UPDATE_NOTIFIER: '1' });
}

/**
 * How many connect() calls to anything but loopback a command makes, seen by strace; `undefined`
 * without strace or where it cannot trace (no ptrace in the container).
 */
async function connectCalls(args, environment) {
  const strace = ['/usr/bin/strace', '/bin/strace'].find((path) => existsSync(path));
  if (!strace) return undefined;
  const traced = await execFileAsync(
    strace,
    ['-f', '-qq', '-e', 'trace=connect', '-e', 'signal=none', process.execPath, ...args],
    { cwd: environment.HOME, env: environment, timeout: RUN_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
  ).catch(() => undefined);
  return traced?.stderr
    .split('\n')
    .filter((line) => /connect\(.*AF_INET/.test(line) && !/127\.0\.0\.1|::1"/.test(line)).length;
}

async function benchStartup(home, cli) {
  const environment = userEnvironment(home);
  const subjects = [
    { label: '`node -e 0` (the floor)', args: ['-e', '0'], environment, floor: true },
    { label: '`mmd --help`', args: [cli, '--help'], environment, goal: 150 },
    { label: '`mmd --version`', args: [cli, '--version'], environment },
  ];
  const caBundle = process.env.NODE_EXTRA_CA_CERTS;
  if (caBundle) {
    const withCa = { ...environment, NODE_EXTRA_CA_CERTS: caBundle };
    subjects.push(
      { label: '`node -e 0`, NODE_EXTRA_CA_CERTS set', args: ['-e', '0'], environment: withCa, floor: true },
      { label: '`mmd --help`, NODE_EXTRA_CA_CERTS set', args: [cli, '--help'], environment: withCa },
    );
  }
  let m365 = { skipped: undefined };
  try {
    const entry = await installM365();
    const m365Home = mkdtempSync(join(home, 'm365-'));
    const m365Env = m365Environment(m365Home);
    // `m365 --version` is no flag of m365 (it prints the command list): `m365 version` is its version.
    await run([entry, 'version'], m365Env);
    m365.connects = await connectCalls([entry, '--help'], m365Env);
    subjects.push(
      { label: `\`m365 version\` (${M365})`, args: [entry, 'version'], environment: m365Env },
      { label: `\`m365 --help\` (${M365})`, args: [entry, '--help'], environment: m365Env },
    );
  } catch (error) {
    const [reason] = String(error.message ?? error).split('\n');
    m365 = { skipped: reason.slice(0, 200) };
  }
  const medians = await interleavedMedians(
    subjects.map((subject) => () => run(subject.args, subject.environment)),
    RUNS,
  );
  let floor;
  const rows = subjects.map((subject, index) => {
    if (subject.floor) floor = medians[index];
    return [
      subject.label,
      format.millis(medians[index]),
      subject.floor ? '' : `+${format.millis(medians[index] - floor)}`,
      subject.goal ? `≤ ${subject.goal} ms` : '',
    ];
  });
  if (m365.skipped) rows.push([`\`m365\` (${M365})`, `skipped: ${m365.skipped}`, '', '']);
  else if (m365.connects !== undefined)
    rows.push(['`m365 --help`: non-loopback connect() calls (strace)', String(m365.connects), '', '0']);
  const figure = (label) => medians[subjects.findIndex((subject) => subject.label === label)];
  return {
    rows,
    figures: {
      node: figure('`node -e 0` (the floor)'),
      help: figure('`mmd --help`'),
      version: figure('`mmd --version`'),
      helpWithCa: figure('`mmd --help`, NODE_EXTRA_CA_CERTS set'),
      m365: m365.skipped ? m365 : { version: medians.at(-2), help: medians.at(-1), connects: m365.connects },
    },
  };
}

async function benchMockList(home, cli) {
  const environment = userEnvironment(home);
  const args = [cli, 'devices', 'list', '--mock', '-o', 'json'];
  const first = await run(args, environment);
  const left = filesUnder(home);
  const samples = [];
  for (let index = 0; index < RUNS; index++) samples.push((await run(args, environment)).ms);
  const list = median(samples);
  return {
    rows: [
      [
        left.length > 0
          ? `\`mmd devices list --mock -o json\`, first run, key generated (left ${left.map((file) => `\`${file}\``).join(', ')})`
          : '`mmd devices list --mock -o json`, first run in a fresh HOME (left no file: no key kept)',
        format.millis(first.ms),
        '',
        '',
      ],
      ['`mmd devices list --mock -o json`', format.millis(list), '', '≤ 400 ms'],
    ],
    figures: { first: first.ms, list },
  };
}

/** The environment that signs `mmd` in to `server` (the static server's token endpoint and API). */
const serverEnvironment = (home, server) =>
  userEnvironment(home, {
    AZURE_TENANT_ID: server.tenantId,
    AZURE_CLIENT_ID: CLIENT_ID,
    AZURE_CLIENT_SECRET: 'benchmark-secret-value',
    AZURE_AUTHORITY_HOST: server.origin,
    MMD_BASE_URL: server.baseUrl,
  });

async function benchStreaming(home, cli) {
  const servers = {};
  try {
    for (const total of STREAM_TOTALS) servers[total] = await startServerProcess(total);
    const environments = Object.fromEntries(
      STREAM_TOTALS.map((total) => [total, serverEnvironment(home, servers[total])]),
    );
    // A token for each server into the cache first, so that every measured run is a warm one.
    for (const total of STREAM_TOTALS)
      await run([cli, 'devices', 'list', '--top', '1', '-o', 'json'], environments[total]);
    const rows = [];
    const figures = {};
    for (const output of ['ndjson', 'csv']) {
      const samples = Object.fromEntries(STREAM_TOTALS.map((total) => [total, []]));
      for (let round = 0; round < STREAM_RUNS; round++) {
        const order = round % 2 ? [...STREAM_TOTALS].reverse() : STREAM_TOTALS;
        for (const total of order) {
          const args = [cli, 'devices', 'list', '--all', '--output', output, '--page-size', '1000'];
          const result = await run(args, environments[total], { lines: true, rss: true });
          // csv has a header line.
          const items = result.lines - (output === 'csv' ? 1 : 0);
          if (items !== total)
            throw new Error(`mmd devices list --all -o ${output}: ${items} of ${total} items`);
          samples[total].push(result);
        }
      }
      figures[output] = {};
      for (const total of STREAM_TOTALS) {
        const rss = median(samples[total].map((sample) => sample.rss));
        const ms = median(samples[total].map((sample) => sample.ms));
        figures[output][total] = { rss, ms, items: total };
        rows.push([
          `\`--output ${output}\``,
          total.toLocaleString('en'),
          total.toLocaleString('en'),
          format.bytes(rss),
          format.millis(ms),
          Math.round(total / (ms / 1000)).toLocaleString('en'),
        ]);
      }
      const [fewer, more] = STREAM_TOTALS;
      const ratio = figures[output][more].rss / figures[output][fewer].rss;
      figures[output].ratio = ratio;
      rows.push([
        `\`--output ${output}\`: ratio ${more.toLocaleString('en')} / ${fewer.toLocaleString('en')}`,
        '',
        '',
        `${format.ratio(ratio)} (goal ≤ 1.10×)`,
        '',
        '',
      ]);
    }
    return { rows, figures };
  } finally {
    await Promise.all(Object.values(servers).map((server) => server.stop()));
  }
}

async function benchTokenCache(home, cli) {
  const server = await startServerProcess(10);
  try {
    const environment = serverEnvironment(home, server);
    const args = [cli, 'devices', 'list', '-o', 'json'];
    const first = await run(args, environment);
    const afterFirst = await server.tokenRequests();
    const second = await run(args, environment);
    const afterSecond = await server.tokenRequests();
    return {
      rows: [
        ['first command, fresh cache dir', String(afterFirst), format.millis(first.ms), ''],
        ['second command', String(afterSecond - afterFirst), format.millis(second.ms), '0 token requests'],
      ],
      figures: { first: afterFirst, second: afterSecond - afterFirst },
    };
  } finally {
    await server.stop();
  }
}

/** One fresh HOME per part, removed after. */
async function inFreshHome(part, cli) {
  const home = freshHome();
  try {
    return await part(home, cli);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/**
 * Packs the four packages (built beforehand) and installs them into an empty folder with npm, as a user
 * does; resolves with the installed `mmd` entry and what removes the folder.
 */
async function installPackedCli() {
  const folder = mkdtempSync(join(tmpdir(), 'mmd-cli-bench-install-'));
  const tarballs = [];
  for (const name of ['auth', 'api', 'mock', 'cli']) {
    const packageFolder = join(root, 'packages', name);
    if (!existsSync(join(packageFolder, 'dist')))
      throw new Error(`packages/${name}/dist is missing: run pnpm turbo run build first`);
    const { stdout } = await execFileAsync('pnpm', ['pack', '--pack-destination', folder], {
      cwd: packageFolder,
    });
    const tarball = stdout
      .trim()
      .split('\n')
      .findLast((line) => line.endsWith('.tgz'));
    tarballs.push(`./${basename(tarball)}`);
  }
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'cli-bench', private: true }));
  await execFileAsync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs], {
    cwd: folder,
    timeout: 300_000,
  });
  return {
    cli: join(folder, 'node_modules', '@mmd-sdk', 'mmd-cli', 'dist', 'cli.mjs'),
    remove: () => rmSync(folder, { recursive: true, force: true }),
  };
}

export async function benchCliStartup() {
  const installed = await installPackedCli();
  const { cli } = installed;
  try {
    return await benchInstalledCli(cli);
  } finally {
    installed.remove();
  }
}

async function benchInstalledCli(cli) {
  const startup = await inFreshHome(benchStartup, cli);
  const mockList = await inFreshHome(benchMockList, cli);
  const streaming = await inFreshHome(benchStreaming, cli);
  const tokens = await inFreshHome(benchTokenCache, cli);
  printTable(
    `12. The \`mmd\` command line: wall time from spawn to exit, median of ${RUNS} (start-up interleaved, after one warm-up each), Node ${process.version}; each child in a fresh HOME with a user's environment (no NODE_EXTRA_CA_CERTS unless said, no AZURE_*, MMD_*)`,
    ['command', 'wall time', 'above `node -e 0`', 'goal'],
    [...startup.rows, ...mockList.rows],
  );
  printTable(
    `12b. \`mmd devices list --all --page-size 1000\` from a server in another process: the child's peak RSS (${GNU_TIME ? 'GNU time %M' : 'process.resourceUsage().maxRSS'}), items received (lines on stdout), items/s over the whole command, median of ${STREAM_RUNS}, warm token cache`,
    ['output', 'devices', 'items received', 'peak RSS', 'wall time', 'items/s'],
    streaming.rows,
  );
  printTable(
    '12c. Two `mmd devices list -o json` in a row with a fresh cache dir: token requests the server counted',
    ['command', 'token requests', 'wall time', 'goal'],
    tokens.rows,
  );
  return {
    ...startup.figures,
    mockList: mockList.figures,
    streaming: streaming.figures,
    tokens: tokens.figures,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) await benchCliStartup();
