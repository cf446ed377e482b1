// CPU profile of sequential `mmd.listDevices()` calls through createMmdClient against the static
// loopback server (in another process, so its work is not in the profile), summarised by
// `profile-summary.mjs`. Not part of `pnpm bench`: run it alone.
//
//   node bench/profile-list-devices.mjs [--calls=5000] [--client=sdk] [--out=/tmp/mmd-profile] [--node=<path>]
//
// `--node` profiles under another Node binary (the runtime cache's Node 26, say); the summary runs here.
// `--client` takes any caller of tables 4 and 7 (lib/api-clients.mjs): sdk (the default), sdkGlobalFetch,
// bare, undici, kyOnly, openapiFetch, azurePipeline; or several,
// comma-separated (`--client=sdk,bare`): they take turns (10 rounds, `calls` each in all) and the
// summary details the first and compares them all.
// It runs itself again under `node --cpu-prof` (sampling every 100 µs), and the summary counts only
// the samples of the measured calls: module loading and the warm-up are left out.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { summarizeProfile } from './profile-summary.mjs';

const self = fileURLToPath(import.meta.url);
const WARMUP_CALLS = 500;
const ROUNDS = 10;

function option(name, fallback) {
  const found = process.argv.find((argument) => argument.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
}

async function profiledChild(calls, clientNames, marksFile) {
  const { createApiClients } = await import('./lib/api-clients.mjs');
  const { startServerProcess } = await import('./lib/start-server-process.mjs');
  const server = await startServerProcess(10);
  const clients = await createApiClients(server, clientNames);
  for (const call of Object.values(clients)) for (let index = 0; index < WARMUP_CALLS; index++) await call();
  // Several clients take turns, so that each meets the same machine; the profile's clock is the
  // monotonic one of process.hrtime, in µs.
  const windows = [];
  const perRound = Math.ceil(calls / ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [client, call] of Object.entries(clients)) {
      const from = Number(process.hrtime.bigint() / 1000n);
      for (let index = 0; index < perRound; index++) await call();
      windows.push({ client, from, to: Number(process.hrtime.bigint() / 1000n), calls: perRound });
    }
  }
  writeFileSync(marksFile, JSON.stringify({ windows }));
  await server.stop();
  process.exit(0);
}

/**
 * Profiles `calls` sequential listDevices calls of each named client (in turns, one process, under
 * `node`); resolves with the .cpuprofile and the marks file `profile-summary.mjs` reads.
 */
export function profileListDevices({ calls, clients, out, node = 'node' }) {
  mkdirSync(out, { recursive: true });
  for (const name of readdirSync(out)) if (name.endsWith('.cpuprofile')) rmSync(join(out, name));
  const marksFile = join(out, 'marks.json');
  execFileSync(
    node,
    [
      '--cpu-prof',
      `--cpu-prof-dir=${out}`,
      '--cpu-prof-interval=100',
      self,
      '--child',
      `--calls=${calls}`,
      `--client=${clients.join(',')}`,
      `--marks=${marksFile}`,
    ],
    { stdio: 'inherit', timeout: 240_000 },
  );
  const profile = readdirSync(out).find((name) => name.endsWith('.cpuprofile'));
  return { profileFile: join(out, profile), marksFile };
}

if (process.argv.includes('--child')) {
  await profiledChild(
    Number(option('calls', 5_000)),
    option('client', 'sdk').split(','),
    option('marks', ''),
  );
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const calls = Number(option('calls', 5_000));
  const clients = option('client', 'sdk').split(',');
  const { profileFile, marksFile } = profileListDevices({
    calls,
    clients,
    out: option('out', '/tmp/mmd-profile'),
    node: option('node', 'node'),
  });
  console.log(`Profile of ${calls} sequential listDevices calls (${clients.join(', ')}): ${profileFile}\n`);
  await summarizeProfile(profileFile, { marksFile, only: [clients[0]] });
}
