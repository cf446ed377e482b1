// Installs the packed packages the way users do, in empty folders outside the workspace:
// 1. @mmd-sdk/mmd-auth alone: nothing beyond its declared dependencies arrives, `require` and `import`
//    both work, and its types resolve under tsc (node16 and bundler resolution);
// 2. @mmd-sdk/mmd-api with its auth tarball (and the mock server): a client calls the mock through it;
// 3. @mmd-sdk/mmd-cli with the others: the installed `mmd` binary answers --help and lists devices.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const work = mkdtempSync(join(tmpdir(), 'mmd-packed-'));
const run = (command, args, cwd) =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const step = (text) => console.log(`  ✔ ${text}`);

function pack(directory) {
  const output = run('pnpm', ['pack', '--pack-destination', work], join(root, directory)).trim().split('\n');
  return output.findLast((line) => line.endsWith('.tgz'));
}

function project(name, dependencies) {
  const folder = join(work, name);
  run('mkdir', ['-p', folder]);
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ name, private: true, version: '1.0.0' }));
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...dependencies], folder);
  return folder;
}

try {
  console.log('Installing the packed packages as users do');
  const auth = pack('packages/auth');
  const api = pack('packages/api');
  const mock = pack('packages/mock');

  const authOnly = project('auth-only', [auth]);
  const authFiles = readdirSync(join(authOnly, 'node_modules'));
  const installed = authFiles.filter((entry) => !entry.startsWith('.'));
  const scoped = readdirSync(join(authOnly, 'node_modules/@mmd-sdk'));
  if (installed.join() !== '@mmd-sdk' || scoped.join() !== 'mmd-auth') {
    throw new Error(
      `@mmd-sdk/mmd-auth brought more than itself: ${installed.join(', ')} / ${scoped.join(', ')}`,
    );
  }
  step('@mmd-sdk/mmd-auth installs alone, with no dependencies');
  run(
    'node',
    [
      '-e',
      "const a = require('@mmd-sdk/mmd-auth'); if (typeof a.ClientSecretCredential !== 'function') process.exit(1)",
    ],
    authOnly,
  );
  run(
    'node',
    [
      '--input-type=module',
      '-e',
      "import { ClientSecretCredential, MMD_SCOPE } from '@mmd-sdk/mmd-auth'; if (!ClientSecretCredential || !MMD_SCOPE) process.exit(1)",
    ],
    authOnly,
  );
  step('require() and import both load it');
  // A TypeScript user on Node has typescript and @types/node; add them only now, after the count above.
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '@types/node@20'], authOnly);
  writeFileSync(
    join(authOnly, 'check.ts'),
    "import { ClientSecretCredential, type AccessToken } from '@mmd-sdk/mmd-auth';\n" +
      "const credential = new ClientSecretCredential({ tenantId: 'contoso.onmicrosoft.com', clientId: '00000000-0000-4000-8000-000000000000', clientSecret: 's' });\n" +
      'export const token: Promise<AccessToken> = credential.getToken();\n',
  );
  for (const resolution of [
    ['node16', 'node16'],
    ['preserve', 'bundler'],
  ]) {
    run(
      'node',
      [
        tsc,
        '--noEmit',
        '--strict',
        '--target',
        'es2022',
        '--types',
        'node',
        '--module',
        resolution[0],
        '--moduleResolution',
        resolution[1],
        'check.ts',
      ],
      authOnly,
    );
  }
  step('its types resolve under tsc (node16 and bundler)');

  const full = project('api-user', [auth, api, mock]);
  const script = `
    const { createMmdClient, ClientSecretCredential } = IMPORT_API;
    const { startMockServer, MOCK_TENANT_ID, MOCK_CLIENT_ID, MOCK_CLIENT_SECRET } = IMPORT_MOCK;
    const server = await startMockServer();
    try {
      const credential = new ClientSecretCredential({ tenantId: MOCK_TENANT_ID, clientId: MOCK_CLIENT_ID, clientSecret: MOCK_CLIENT_SECRET, authorityHost: server.url });
      const mmd = createMmdClient({ credential, tenantId: MOCK_TENANT_ID, baseUrl: server.baseUrl });
      const devices = await mmd.paginate('listDevices').toArray({ limit: 1000 });
      if (devices.length !== 50) throw new Error('expected 50 devices, got ' + devices.length);
    } finally {
      await server.close();
    }`;
  writeFileSync(
    join(full, 'check.mjs'),
    script
      .replace('IMPORT_API', "await import('@mmd-sdk/mmd-api')")
      .replace('IMPORT_MOCK', "await import('@mmd-sdk/mmd-mock/server')"),
  );
  writeFileSync(
    join(full, 'check.cjs'),
    `(async () => {${script.replace('IMPORT_API', "require('@mmd-sdk/mmd-api')").replace('IMPORT_MOCK', "require('@mmd-sdk/mmd-mock/server')")}})().catch((error) => { console.error(error); process.exit(1); });`,
  );
  run('node', ['check.mjs'], full);
  run('node', ['check.cjs'], full);
  const apiDependencies = Object.keys(
    JSON.parse(readFileSync(join(full, 'node_modules/@mmd-sdk/mmd-api/package.json'), 'utf8')).dependencies,
  );
  step(
    `@mmd-sdk/mmd-api (dependencies: ${apiDependencies.join(', ')}) calls the mock server from ESM and CommonJS`,
  );
  // One error tree across packages and module formats: an auth error from the CommonJS build and an
  // API error from the ESM build are both caught by either package's MmdError.
  writeFileSync(
    join(full, 'error-tree.mjs'),
    `import { createRequire } from 'node:module';
    const require = createRequire(import.meta.url);
    const authCjs = require('@mmd-sdk/mmd-auth');
    const apiEsm = await import('@mmd-sdk/mmd-api');
    const authEsm = await import('@mmd-sdk/mmd-auth');
    const tokenError = new authCjs.TokenRequestError('x', { retryable: false, attempts: 1 });
    const apiError = new apiEsm.NotFoundError('y', { operation: 'getDevice', status: 404 });
    const checks = [
      tokenError instanceof apiEsm.MmdError,
      tokenError instanceof authEsm.TokenRequestError,
      apiError instanceof authCjs.MmdError,
      apiError instanceof apiEsm.MmdApiError,
      !(apiError instanceof authEsm.TokenRequestError),
      !(new Error('z') instanceof apiEsm.MmdError),
    ];
    if (checks.some((ok) => !ok)) throw new Error('error tree broken: ' + checks.join());`,
  );
  run('node', ['error-tree.mjs'], full);
  step('one error tree: MmdError catches both packages, from ESM and CommonJS alike');

  const cli = pack('packages/cli');
  const withCli = project('cli', [auth, api, mock, cli]);
  const mmd = join(withCli, 'node_modules/.bin/mmd');
  if (!run(mmd, ['--help'], withCli).includes('devices')) throw new Error('mmd --help does not list devices');
  const lines = run(mmd, ['devices', 'list', '--mock', '--all', '--output', 'ndjson'], withCli)
    .trim()
    .split('\n');
  if (lines.length < 50 || !JSON.parse(lines[0] ?? '{}').serialNumber) {
    throw new Error(`mmd devices list --mock printed ${lines.length} line(s)`);
  }
  step(`the installed mmd binary: --help, and ${lines.length} devices as ndjson from an in-process mock`);
} catch (error) {
  console.error(`Packed-install check failed: ${error.message}\n${error.stdout ?? ''}${error.stderr ?? ''}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
