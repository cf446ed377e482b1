// Summarises a V8 .cpuprofile (`node --cpu-prof`): self time by package and by function, and the
// time each library layer causes (its own code plus the runtime work it calls: a `new Request` made by
// the generated client counts for the generated client). Frames of the SDK's bundled dist are mapped
// through its source map, which tells the generated hey-api client apart from the SDK's own layer.
//
//   node bench/profile-summary.mjs <file.cpuprofile> [--marks=<marks.json>] [--calls=N] [--top=25] [--only=sdk]
//
// `marks.json` (written by profile-list-devices.mjs) holds `{ from, to, calls }`: only the samples
// between `from` and `to` (µs, the profile's clock) are counted, and figures are also given per call.
// With `{ windows: [{ client, from, to, calls }] }` (several clients in turns), each client is
// summarised from its own windows (`--only` picks whose details are printed) and compared.
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

/** Categories, in the order they are printed. `library` ones can cause runtime work. */
const CATEGORIES = [
  { key: 'sdk', label: '@mmd-sdk: our layer (api: send, transport, read, errors)', library: true },
  {
    key: 'core',
    label: '@mmd-sdk: shared core inlined in the dist (deadline, bounded read, checks)',
    library: true,
  },
  { key: 'auth', label: '@mmd-sdk/mmd-auth (credential)', library: true },
  { key: 'generated', label: 'generated hey-api client inside the api dist', library: true },
  { key: 'ky', label: 'ky', library: true },
  { key: 'openapi-fetch', label: 'openapi-fetch', library: true },
  { key: 'azure', label: '@azure / @typespec', library: true },
  { key: 'undici-package', label: 'undici package (node_modules)', library: true },
  { key: 'bench', label: 'benchmark script', library: true },
  { key: 'fetch', label: 'inside fetch() (work Node’s fetch does for a call, whoever calls it)' },
  { key: 'undici-node', label: 'Node’s fetch classes (bundled undici: Request, Headers, Response, body)' },
  { key: 'http-parser', label: 'llhttp (wasm HTTP parser)' },
  { key: 'webstreams', label: 'Node web streams' },
  { key: 'signals', label: 'AbortController, AbortSignal(.any), EventTarget' },
  { key: 'node-async', label: 'Node microtasks, timers, immediates' },
  { key: 'node-net', label: 'Node net/streams (socket reads and writes)' },
  { key: 'node-other', label: 'Node other internals' },
  { key: 'native', label: 'V8 builtins and natives (no caller found)' },
  { key: 'gc', label: '(garbage collector)' },
  { key: 'program', label: '(program): V8/libuv outside JS' },
];
const LABELS = Object.fromEntries(CATEGORIES.map((category) => [category.key, category.label]));
const LIBRARY = new Set(CATEGORIES.filter((category) => category.library).map((category) => category.key));

/** Node's global `fetch` and undici's fetch entry points inside it. */
function isFetchEntry(frame) {
  const { functionName, url } = frame.callFrame;
  return (
    (functionName === 'fetch' || functionName === 'fetch2') &&
    (url.startsWith('node:internal/deps/undici') || url.startsWith('node:internal/bootstrap'))
  );
}
const FETCH = { category: { key: 'fetch' }, callFrame: { functionName: 'fetch()', url: '' } };

const sourceMaps = new Map();

/** The source map of a bundled file of ours (`<file>.map` beside it), or null. */
function sourceMapOf(url) {
  if (!sourceMaps.has(url)) {
    let map = null;
    try {
      const file = url.startsWith('file://') ? fileURLToPath(url) : url;
      if (existsSync(`${file}.map`)) map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
    } catch {
      map = null;
    }
    sourceMaps.set(url, map);
  }
  return sourceMaps.get(url);
}

/** Where a frame of our dist comes from: `src/generated/client/client.gen.ts:139`, or undefined. */
function originalOf(frame) {
  const map = sourceMapOf(frame.url);
  if (!map || frame.lineNumber < 0) return undefined;
  const entry = map.findEntry(frame.lineNumber, Math.max(frame.columnNumber, 0));
  if (!entry?.originalSource) return undefined;
  const source = entry.originalSource.replace(/^.*?((?:core\/)?src\/)/, '$1');
  return { source, line: entry.originalLine + 1 };
}

function categorize(frame) {
  const { url, functionName } = frame;
  if (functionName === '(garbage collector)') return { key: 'gc' };
  if (functionName === '(program)') return { key: 'program' };
  if (functionName === '(idle)') return { key: 'idle' };
  if (functionName === '(root)') return { key: 'root' };
  if (url === '') return { key: 'native' };
  if (/(?:packages\/|@mmd-sdk\/mmd-)(?:api|auth)\/dist\//.test(url)) {
    if (/(?:packages\/|@mmd-sdk\/mmd-)auth\/dist\//.test(url))
      return { key: 'auth', original: originalOf(frame) };
    const original = originalOf(frame);
    if (!original) return { key: 'sdk' };
    if (original.source.includes('/generated/')) return { key: 'generated', original };
    if (original.source.startsWith('core/')) return { key: 'core', original };
    return { key: 'sdk', original };
  }
  if (/node_modules\/(?:\.pnpm\/ky@[^/]+\/node_modules\/)?ky\//.test(url)) return { key: 'ky' };
  if (url.includes('openapi-fetch')) return { key: 'openapi-fetch' };
  if (/@azure|@typespec/.test(url)) return { key: 'azure' };
  if (url.includes('/node_modules/') && url.includes('/undici/')) return { key: 'undici-package' };
  if (url.includes('/bench/')) return { key: 'bench' };
  if (url.startsWith('node:internal/deps/undici')) return { key: 'undici-node' };
  if (url.startsWith('node:internal/webstreams')) return { key: 'webstreams' };
  if (url.startsWith('wasm://')) return { key: 'http-parser' };
  if (/^node:(?:events|internal\/(?:abort_controller|event_target|worker\/js_transferable))/.test(url)) {
    return { key: 'signals' };
  }
  if (/^node:internal\/(?:process\/task_queues|timers|async_hooks)/.test(url)) return { key: 'node-async' };
  if (/^node:(?:net|_http|http|stream|internal\/(?:streams|stream_base|net|http|js_stream))/.test(url)) {
    return { key: 'node-net' };
  }
  return { key: 'node-other' };
}

function frameName(node) {
  if (node === FETCH) return 'fetch()';
  const { functionName, url, lineNumber } = node.callFrame;
  const name = functionName || '(anonymous)';
  if (node.category.original)
    return `${name} (${node.category.original.source}:${node.category.original.line})`;
  if (url === '') return name;
  const short = url
    .replace(/^file:\/\/.*node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, '')
    .replace(/^file:\/\/.*\/(bench\/)/, '$1');
  return `${name} (${short}:${lineNumber + 1})`;
}

function percent(part, whole) {
  return `${((part / whole) * 100).toFixed(1)}%`;
}

function top(map, count) {
  return [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, count);
}

function add(map, key, value) {
  map.set(key, (map.get(key) ?? 0) + value);
}

function header(title, columns) {
  console.log(`\n### ${title}\n`);
  console.log(`| ${columns.join(' | ')} |`);
  console.log(`|${columns.map(() => '---').join('|')}|`);
}

/** Prepares the profile's nodes: category, parent, and the frames that caused and own each sample. */
function loadProfile(file) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes) {
    node.category = categorize(node.callFrame);
    for (const child of node.children ?? []) nodes.get(child).parent = node;
  }
  for (const node of profile.nodes) {
    // The nearest library frame at or above the node: who caused the work. Work under Node's own
    // `fetch()` is the fetch's, not its caller's (any client calling fetch pays it).
    for (let frame = node; frame; frame = frame.parent) {
      if (LIBRARY.has(frame.category.key)) {
        node.cause = frame;
        break;
      }
      if (isFetchEntry(frame)) {
        node.cause = FETCH;
        break;
      }
    }
    // Natives (JSON.parse, Promise internals…) are counted for the nearest caller with a category.
    node.owner = node;
    for (let frame = node; frame; frame = frame.parent) {
      if (frame.category.key !== 'native' && frame.category.key !== 'root') {
        node.owner = frame;
        break;
      }
    }
  }
  return { profile, nodes };
}

/** Totals over the samples inside `windows` (`[{ from, to }]`, µs), or over all samples. */
function collect({ profile, nodes }, windows) {
  const stats = {
    total: 0,
    idle: 0,
    selfByCategory: new Map(),
    selfByFunction: new Map(),
    causedByLayer: new Map(),
    causedByFrame: new Map(),
    causedPairs: new Map(),
  };
  let time = profile.startTime;
  for (let index = 0; index < profile.samples.length; index++) {
    time += profile.timeDeltas[index];
    // A sample's time is the delta to the next one.
    const delta = profile.timeDeltas[index + 1] ?? 0;
    if (windows && !windows.some((window) => time >= window.from && time <= window.to)) continue;
    const node = nodes.get(profile.samples[index]);
    if (node.category.key === 'idle') {
      stats.idle += delta;
      continue;
    }
    stats.total += delta;
    const { owner, cause } = node;
    const native = node.category.key === 'native';
    const ownerKey = native && owner !== node ? owner.category.key : node.category.key;
    const selfKey = LABELS[ownerKey] ? ownerKey : 'native';
    add(stats.selfByCategory, selfKey, delta);
    const name = native && owner !== node ? `${frameName(node)} ← ${frameName(owner)}` : frameName(node);
    add(stats.selfByFunction, `${selfKey}\t${name}`, delta);
    const layer = cause ? cause.category.key : selfKey;
    add(stats.causedByLayer, layer, delta);
    if (cause && cause !== FETCH) {
      add(stats.causedByFrame, `${layer}\t${frameName(cause)}`, delta);
      if (cause !== node) add(stats.causedPairs, `${layer}\t${frameName(cause)} → ${frameName(node)}`, delta);
    }
  }
  return stats;
}

function printSummary(stats, calls, topCount) {
  const { total, idle } = stats;
  const perCall = (value) => (calls ? `${(value / calls).toFixed(1)} µs` : '');
  console.log(
    `Samples: ${(total / 1000).toFixed(0)} ms on CPU (${(idle / 1000).toFixed(0)} ms idle not counted)${calls ? ` over ${calls} calls: ${(total / calls).toFixed(1)} µs of CPU per call` : ''}.`,
  );

  header('Self time by package (natives counted for their caller)', ['package', 'share', 'per call']);
  for (const category of CATEGORIES) {
    const value = stats.selfByCategory.get(category.key);
    if (value) console.log(`| ${category.label} | ${percent(value, total)} | ${perCall(value)} |`);
  }

  header(
    'Time caused by each layer: its own code plus the runtime work it calls (rows without a library: event-loop work no library frame is under, such as socket reads)',
    ['layer', 'share', 'per call'],
  );
  for (const category of CATEGORIES) {
    const value = stats.causedByLayer.get(category.key);
    if (value) console.log(`| ${category.label} | ${percent(value, total)} | ${perCall(value)} |`);
  }

  header(`Top ${topCount} functions by self time`, ['function', 'package', 'share', 'per call']);
  for (const [key, value] of top(stats.selfByFunction, topCount)) {
    const [category, name] = key.split('\t');
    console.log(`| ${name} | ${category} | ${percent(value, total)} | ${perCall(value)} |`);
  }

  for (const layer of [
    'generated',
    'ky',
    'sdk',
    'core',
    'auth',
    'undici-package',
    'openapi-fetch',
    'azure',
    'bench',
  ]) {
    if (!stats.causedByLayer.get(layer)) continue;
    header(`${LABELS[layer]}: where its time goes (library frame, then the runtime work under it)`, [
      'frame → work it calls',
      'share',
      'per call',
    ]);
    const frames = top(stats.causedByFrame, 1_000).filter(([key]) => key.startsWith(`${layer}\t`));
    for (const [key, value] of frames.slice(0, 6)) {
      console.log(`| **${key.split('\t')[1]}** (all) | ${percent(value, total)} | ${perCall(value)} |`);
    }
    const pairs = top(stats.causedPairs, 10_000).filter(([key]) => key.startsWith(`${layer}\t`));
    for (const [key, value] of pairs.slice(0, 8)) {
      console.log(`| ${key.split('\t')[1]} | ${percent(value, total)} | ${perCall(value)} |`);
    }
  }
}

/** Side by side: rows of CPU µs per call caused by each layer (those any client spent time in), and the totals. */
function comparisonRows(statsByClient, callsByClient) {
  const clients = Object.keys(statsByClient);
  const perCall = (client, value) => value / callsByClient[client];
  const rows = CATEGORIES.filter((category) =>
    clients.some((client) => statsByClient[client].causedByLayer.get(category.key)),
  ).map((category) => ({
    key: category.key,
    label: category.label,
    values: Object.fromEntries(
      clients.map((client) => [
        client,
        perCall(client, statsByClient[client].causedByLayer.get(category.key) ?? 0),
      ]),
    ),
  }));
  const totals = Object.fromEntries(
    clients.map((client) => [client, perCall(client, statsByClient[client].total)]),
  );
  return { clients, rows, totals };
}

function printComparison(statsByClient, callsByClient) {
  const { clients, rows, totals } = comparisonRows(statsByClient, callsByClient);
  header('CPU µs per call caused by each layer, clients interleaved in one profile', ['layer', ...clients]);
  for (const row of rows) {
    console.log(`| ${row.label} | ${clients.map((client) => row.values[client].toFixed(1)).join(' | ')} |`);
  }
  console.log(`| **all CPU** | ${clients.map((client) => `**${totals[client].toFixed(1)}**`).join(' | ')} |`);
}

/** Each client's stats and calls, from the windows (`{ client, from, to, calls }`) it ran in. */
function statsByWindows(loaded, windows) {
  const statsByClient = {};
  const callsByClient = {};
  for (const client of new Set(windows.map((window) => window.client))) {
    const own = windows.filter((window) => window.client === client);
    callsByClient[client] = own.reduce((sum, window) => sum + window.calls, 0);
    statsByClient[client] = collect(loaded, own);
  }
  return { statsByClient, callsByClient };
}

/** The CPU µs per call each layer causes, for each client of an interleaved profile (nothing printed). */
export function costsByLayer(file, marksFile) {
  const { windows } = JSON.parse(readFileSync(marksFile, 'utf8'));
  const { statsByClient, callsByClient } = statsByWindows(loadProfile(file), windows);
  return comparisonRows(statsByClient, callsByClient);
}

/**
 * Reads the profile and prints the tables. `marks.json` is `{ from, to, calls }`, or
 * `{ windows: [{ client, from, to, calls }] }` for clients run in turns in one process: then each
 * client is summarised from its own windows, and a comparison table follows.
 */
export async function summarizeProfile(file, { marksFile, calls: givenCalls, topCount = 25, only } = {}) {
  const loaded = loadProfile(file);
  const marks = marksFile ? JSON.parse(readFileSync(marksFile, 'utf8')) : undefined;
  if (!marks?.windows) {
    const stats = collect(loaded, marks ? [marks] : undefined);
    printSummary(stats, givenCalls ?? marks?.calls, topCount);
    return stats;
  }
  const { statsByClient, callsByClient } = statsByWindows(loaded, marks.windows);
  for (const client of Object.keys(statsByClient)) {
    if (only && !only.includes(client)) continue;
    console.log(`\n## ${client}\n`);
    printSummary(statsByClient[client], callsByClient[client], topCount);
  }
  if (Object.keys(statsByClient).length > 1) printComparison(statsByClient, callsByClient);
  return statsByClient;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) {
    console.error(
      'usage: node bench/profile-summary.mjs <file.cpuprofile> [--marks=marks.json] [--calls=N] [--top=25] [--only=sdk]',
    );
    process.exit(2);
  }
  const option = (name) => process.argv.find((argument) => argument.startsWith(`--${name}=`))?.split('=')[1];
  await summarizeProfile(file, {
    marksFile: option('marks'),
    only: option('only')?.split(','),
    calls: option('calls') ? Number(option('calls')) : undefined,
    topCount: option('top') ? Number(option('top')) : 25,
  });
}
