// `pnpm demo`: builds the packages, starts the built-in mock tenant on loopback, runs every example
// against it, and prints what each did. Exits 1 if any example fails.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const examples = [
  'token-only',
  'device-inventory',
  'support-ticket',
  'elevation-request',
  'azure-identity',
  'observability',
];

console.log('▶ Building @mmd-sdk/mmd-auth, @mmd-sdk/mmd-api and @mmd-sdk/mmd-mock');
const build = spawnSync(
  'pnpm',
  ['exec', 'turbo', 'run', 'build', '--filter=./packages/*', '--output-logs=errors-only'],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  },
);
if (build.status !== 0) process.exit(build.status ?? 1);

const { startMockServer } = await import(new URL('../packages/mock/dist/server.mjs', import.meta.url).href);
const server = await startMockServer({ seed: 1 });
console.log(`▶ Mock tenant listening on ${server.url}\n`);

// The demo always runs against the mock: drop any real-tenant variables from the examples' view.
const environment = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !name.startsWith('AZURE_')),
);
environment.MMD_MOCK_URL = server.url;

function run(example) {
  return new Promise((resolve) => {
    const child = spawn('pnpm', ['--dir', `examples/${example}`, '--silent', 'run-built'], {
      cwd: root,
      stdio: 'inherit',
      env: environment,
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

const results = [];
for (const example of examples) {
  console.log(`${'═'.repeat(100)}\n▶ examples/${example}\n${'─'.repeat(100)}`);
  const started = Date.now();
  const code = await run(example);
  results.push({ example, ok: code === 0, seconds: (Date.now() - started) / 1000 });
  console.log('');
}
await server.close();

console.log('═'.repeat(100));
for (const { example, ok, seconds } of results) {
  console.log(`${ok ? '✔' : '✖'} ${example.padEnd(20)} ${seconds.toFixed(1).padStart(5)} s`);
}
// A short session of the mmd command line, against its own in-process mock.
const cli = ['node', ['packages/cli/dist/cli.mjs']];
for (const args of [
  ['devices', 'list', '--mock', '--top', '5', '--columns', 'name,model,complianceState', '--output', 'table'],
  [
    'tickets',
    'list',
    '--mock',
    '--filter',
    "state eq 'active'",
    '--top',
    '3',
    '--columns',
    'id,title,severity,state',
    '--output',
    'table',
  ],
  ['token', '--mock'],
]) {
  console.log(`${'═'.repeat(100)}\n▶ mmd ${args.join(' ')}\n${'─'.repeat(100)}`);
  const started = Date.now();
  const session = spawnSync(cli[0], [...cli[1], ...args], { cwd: root, stdio: 'inherit', env: environment });
  results.push({
    example: `mmd ${args[0]} ${args[1]}`,
    ok: session.status === 0,
    seconds: (Date.now() - started) / 1000,
  });
}
const failed = results.filter((result) => !result.ok).length;
console.log(
  `\n${results.length - failed} of ${results.length} examples and CLI commands succeeded against the mock tenant.`,
);
process.exit(failed === 0 ? 0 : 1);
