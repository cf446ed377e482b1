// Runs one smoke program against the packed packages on Node 22, 24 and 26, Bun and Deno.
// The runtimes come from the npm registry as ordinary packages (node-<os>-<arch>, @oven/bun-<os>-<arch>,
// @deno/<os>-<arch>), installed with --ignore-scripts into a cache outside the repository
// (${XDG_CACHE_HOME:-~/.cache}/mmd-sdk-runtimes/<package>@<version>) and reused when present; the
// machine's Node is never touched. Nothing is built here: run `pnpm turbo run build` first.
// The smoke program only ever talks to the mock server on 127.0.0.1 (its fetch refuses anything else).
import { execFile, execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUN_TIMEOUT_MS = 120_000;
// biome-ignore lint/suspicious/noUndeclaredEnvVars: a script run by node, not a turbo task; only picks the cache folder.
const cacheRoot = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'mmd-sdk-runtimes');
const execFileAsync = promisify(execFile);
const started = Date.now();

const packages = ['auth', 'api', 'mock'];
const missing = packages.filter((name) => !existsSync(join(root, 'packages', name, 'dist')));
if (missing.length > 0) {
  console.error(
    `packages/{${missing.join(',')}}/dist is missing. Build first:\n  pnpm install && pnpm turbo run build`,
  );
  process.exit(1);
}

// --- Which runtime packages fit this machine -------------------------------------------------------
const { platform, arch } = process;
if (!['linux', 'darwin'].includes(platform) || !['x64', 'arm64'].includes(arch)) {
  console.error(`check-runtimes: no runtime packages mapped for ${platform}-${arch}`);
  process.exit(1);
}
const isMusl = platform === 'linux' && !process.report?.getReport?.().header?.glibcVersionRuntime;
const bunArch = arch === 'arm64' ? 'aarch64' : 'x64';
const runtimes = [
  ...[22, 24, 26].map((major) => ({
    label: `node ${major}`,
    pkg: `node-${platform}-${arch}`,
    major,
    bin: [`node-${platform}-${arch}/bin/node`],
    args: (file) => [file],
  })),
  {
    label: 'bun',
    pkg: `@oven/bun-${platform}-${bunArch}${isMusl ? '-musl' : ''}`,
    versionOf: 'bun',
    bin: [`@oven/bun-${platform}-${bunArch}${isMusl ? '-musl' : ''}/bin/bun`],
    args: (file) => [file],
  },
  {
    label: 'deno',
    pkg: `@deno/${platform}-${arch}${platform === 'linux' ? '-glibc' : ''}`,
    versionOf: 'deno',
    bin: ['deno', 'bin/deno'].map(
      (file) => `@deno/${platform}-${arch}${platform === 'linux' ? '-glibc' : ''}/${file}`,
    ),
    args: (file) => ['run', '-A', '--node-modules-dir=manual', '--no-config', file],
  },
];

const run = (command, args, options = {}) =>
  execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });

function compareVersions(a, b) {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i += 1) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}

/** The newest cached version of `pkg` (for a major), for when the registry cannot be asked. */
function newestCached(pkg, major) {
  if (!existsSync(cacheRoot)) return undefined;
  const prefix = `${pkg.replace('/', '+')}@`;
  return readdirSync(cacheRoot)
    .filter((entry) => entry.startsWith(prefix) && existsSync(join(cacheRoot, entry, '.complete')))
    .map((entry) => entry.slice(prefix.length))
    .filter((version) => major === undefined || version.startsWith(`${major}.`))
    .sort(compareVersions)
    .at(-1);
}

async function resolveVersion(runtime) {
  try {
    if (runtime.major !== undefined) {
      const { stdout } = await execFileAsync('npm', ['view', runtime.pkg, 'versions', '--json']);
      const versions = JSON.parse(stdout).filter(
        (v) => /^\d+\.\d+\.\d+$/.test(v) && v.startsWith(`${runtime.major}.`),
      );
      return versions.sort(compareVersions).at(-1);
    }
    // The platform package follows its front package's version (bun, deno): take the latest of the front.
    const { stdout } = await execFileAsync('npm', ['view', runtime.versionOf, 'version']);
    return stdout.trim();
  } catch (error) {
    const cached = newestCached(runtime.pkg, runtime.major);
    if (cached) return cached;
    throw new Error(`cannot ask the registry for ${runtime.pkg} and nothing cached: ${error.message}`);
  }
}

const folderSize = (folder) => Number(run('du', ['-sk', folder]).split('\t')[0]) * 1024;
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Installs `pkg@version` into the cache (once), and returns the runtime's binary. */
async function ensureRuntime(runtime) {
  const version = await resolveVersion(runtime);
  if (!version) throw new Error(`no ${runtime.pkg} version for ${runtime.label}`);
  const folder = join(cacheRoot, `${runtime.pkg.replace('/', '+')}@${version}`);
  const findBinary = () =>
    runtime.bin
      .map((file) => join(folder, 'node_modules', file))
      .find((file) => existsSync(file) && statSync(file).isFile());
  const cached = existsSync(join(folder, '.complete')) && findBinary() !== undefined;
  let downloaded = 0;
  let tarball = 0;
  if (!cached) {
    mkdirSync(cacheRoot, { recursive: true });
    const staging = mkdtempSync(join(cacheRoot, '.staging-'));
    try {
      writeFileSync(join(staging, 'package.json'), JSON.stringify({ name: 'runtime-cache', private: true }));
      await execFileAsync(
        'npm',
        [
          'install',
          '--ignore-scripts',
          '--no-audit',
          '--no-fund',
          '--no-package-lock',
          '--loglevel=error',
          `${runtime.pkg}@${version}`,
        ],
        { cwd: staging, maxBuffer: 16 * 1024 * 1024 },
      );
      try {
        const { stdout } = await execFileAsync('npm', [
          'view',
          `${runtime.pkg}@${version}`,
          'dist.unpackedSize',
        ]);
        tarball = Number(stdout.trim()) || 0;
      } catch {}
      writeFileSync(join(staging, '.complete'), `${new Date().toISOString()}\n`);
      rmSync(folder, { recursive: true, force: true });
      renameSync(staging, folder);
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
    downloaded = folderSize(folder);
  }
  const binary = findBinary();
  if (!binary)
    throw new Error(`${runtime.pkg}@${version} installed but no binary at ${runtime.bin.join(' or ')}`);
  return {
    ...runtime,
    version,
    folder,
    binary,
    cached,
    downloaded,
    tarball,
    size: cached ? folderSize(folder) : downloaded,
  };
}

// --- The smoke program --------------------------------------------------------------------------------
const smoke = `// Generated by scripts/check-runtimes.mjs
const runtime =
  typeof Deno !== 'undefined' ? 'deno ' + Deno.version.deno
  : typeof Bun !== 'undefined' ? 'bun ' + Bun.version
  : 'node ' + process.version;
// The SDK is loaded before the guard below: it notes the runtime's own fetch, to tell a replaced one.
const { createMmdClient, ClientSecretCredential, ClientCertificateCredential, NotFoundError, MmdError } = await import('@mmd-sdk/mmd-api');
// Loopback only: refuse any request that is not for 127.0.0.1.
const realFetch = globalThis.fetch;
globalThis.fetch = (input, init) => {
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
  if (url.hostname !== '127.0.0.1') return Promise.reject(new Error('smoke: refused a request to ' + url.origin));
  return realFetch(input, init);
};
const step = (text) => console.log('  - ' + text);
const { startMockServer, MOCK_TENANT_ID, MOCK_TENANT_DOMAIN, MOCK_CLIENT_ID, MOCK_CLIENT_SECRET } = await import('@mmd-sdk/mmd-mock/server');
// The test certificate comes from createTestCertificate, run by the machine's Node before the runtimes
// (see below): the mock's root entry imports msw, which keeps a Deno process alive after the last step.
const { readFileSync } = await import('node:fs');
const certificate = JSON.parse(readFileSync(new URL('./certificate.json', import.meta.url), 'utf8'));

const CERT_CLIENT_ID = '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';
const server = await startMockServer({
  host: '127.0.0.1',
  tenants: [{
    tenantId: MOCK_TENANT_ID,
    domain: MOCK_TENANT_DOMAIN,
    apps: [
      { clientId: MOCK_CLIENT_ID, clientSecret: MOCK_CLIENT_SECRET, displayName: 'smoke-secret' },
      { clientId: CERT_CLIENT_ID, certificates: [certificate.certificatePem], displayName: 'smoke-certificate' },
    ],
  }],
});
try {
  if (!server.url.startsWith('http://127.0.0.1:')) throw new Error('mock not on loopback: ' + server.url);
  const credential = new ClientSecretCredential({
    tenantId: MOCK_TENANT_ID, clientId: MOCK_CLIENT_ID, clientSecret: MOCK_CLIENT_SECRET, authorityHost: server.url,
  });
  const token = await credential.getToken();
  if (typeof token?.token !== 'string' || token.token.split('.').length !== 3) throw new Error('no JWT from ClientSecretCredential');
  step('ClientSecretCredential token');

  const mmd = createMmdClient({ credential, tenantId: MOCK_TENANT_ID, baseUrl: server.baseUrl, logLevel: 'off' });
  const devices = await mmd.paginate('listDevices').toArray({ limit: 1000 });
  if (devices.length !== 50) throw new Error('expected 50 devices, got ' + devices.length);
  step('listDevices: 50 devices');

  const ticket = await mmd.createTicket({
    body: {
      title: 'Printer',
      description: 'The second-floor printer rejects every job since Monday.',
      type: 'Incident',
      category: 'Devices',
      subcategory: 'Hardware',
      severity: 4,
      contact: { givenName: 'Adele', surname: 'Vance', email: 'adele.vance@contoso.com', phoneNumber: '+1 425 555 0100' },
    },
  });
  if (!ticket?.id || ticket.contact?.email !== 'adele.vance@contoso.com') throw new Error('createTicket: unexpected ' + JSON.stringify(ticket));
  step('createTicket: ' + ticket.id);

  let caught;
  try {
    await mmd.getDevice({ path: { deviceName: 'MMD-DOES-NOT-EXIST' } });
  } catch (error) {
    caught = error;
  }
  if (!(caught instanceof NotFoundError) || !(caught instanceof MmdError)) {
    throw new Error('getDevice of a missing device: expected NotFoundError (an MmdError), got ' + (caught?.name ?? caught));
  }
  step('getDevice of a missing device: NotFoundError, instanceof MmdError');

  const byCertificate = new ClientCertificateCredential({
    tenantId: MOCK_TENANT_ID, clientId: CERT_CLIENT_ID, certificate: certificate.pem, authorityHost: server.url,
  });
  const certToken = await byCertificate.getToken();
  if (typeof certToken?.token !== 'string' || certToken.token.split('.').length !== 3) throw new Error('no JWT from ClientCertificateCredential');
  const certClient = createMmdClient({ credential: byCertificate, tenantId: MOCK_TENANT_ID, baseUrl: server.baseUrl, logLevel: 'off' });
  const profiles = await certClient.listProfiles();
  if (!profiles) throw new Error('listProfiles with the certificate token answered nothing');
  step('ClientCertificateCredential token, accepted by the API');

  if (runtime.startsWith('node ')) {
    // The client's own undici pool is Node's default transport: with Node's fetch back in place, a
    // request reaches the server without the \`sec-fetch-mode\` header Node's fetch always sends.
    const { createServer } = await import('node:http');
    const seen = [];
    const plain = createServer((request, response) => {
      seen.push(request.headers['sec-fetch-mode'] ?? 'none');
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"value":[]}');
    });
    await new Promise((resolve) => plain.listen(0, '127.0.0.1', resolve));
    const guard = globalThis.fetch;
    globalThis.fetch = realFetch;
    try {
      const pooled = createMmdClient({
        getToken: async () => 'smoke-token',
        tenantId: MOCK_TENANT_ID,
        baseUrl: 'http://127.0.0.1:' + plain.address().port + '/support/odata/v1',
        logLevel: 'off',
      });
      await pooled.listProfiles();
      await pooled.listProfiles();
    } finally {
      globalThis.fetch = guard;
      plain.closeAllConnections();
      plain.close();
    }
    if (seen.join() !== 'none,none') throw new Error('the client did not use its own pool on ' + runtime + ': ' + seen.join());
    step('its own undici pool: 2 requests, no fetch on the way');
  }
} finally {
  await server.close();
}
console.log('SMOKE-OK ' + runtime);
`;

// --- Main ------------------------------------------------------------------------------------------------
const work = mkdtempSync(join(tmpdir(), 'mmd-runtimes-'));
let exitCode = 1;
try {
  console.log(`Runtime cache: ${cacheRoot}`);
  // Resolve and fetch the runtimes while packing and installing the SDK.
  const runtimePromises = runtimes.map((runtime) =>
    ensureRuntime(runtime).then(
      (value) => ({ ok: true, value }),
      (error) => ({ ok: false, runtime, error }),
    ),
  );

  const tarballs = packages.map((name) => {
    const output = run('pnpm', ['pack', '--pack-destination', work], { cwd: join(root, 'packages', name) });
    return output
      .trim()
      .split('\n')
      .findLast((line) => line.endsWith('.tgz'));
  });
  const project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'runtime-smoke', private: true, version: '1.0.0', type: 'module' }),
  );
  // msw: the optional peer of @mmd-sdk/mmd-mock's root entry, where createTestCertificate lives.
  await execFileAsync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs, 'msw@^2.15.0'],
    {
      cwd: project,
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  writeFileSync(join(project, 'smoke.mjs'), smoke);
  run(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "import { createTestCertificate } from '@mmd-sdk/mmd-mock'; import { writeFileSync } from 'node:fs';" +
        "const { pem, certificatePem } = createTestCertificate({ commonName: 'mmd-sdk runtime smoke' });" +
        "writeFileSync('certificate.json', JSON.stringify({ pem, certificatePem }));",
    ],
    { cwd: project },
  );
  console.log(
    `Packed and installed ${packages.map((name) => `@mmd-sdk/mmd-${name}`).join(', ')} in ${project}`,
  );

  const env = {
    ...process.env,
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
    DENO_NO_UPDATE_CHECK: '1',
    DENO_NO_PROMPT: '1',
    DENO_DIR: join(work, 'deno-dir'),
    NODE_OPTIONS: '',
  };
  for (const name of [
    'HTTP_PROXY',
    'HTTPS_PROXY',
    'ALL_PROXY',
    'http_proxy',
    'https_proxy',
    'all_proxy',
    'npm_config_user_agent',
  ])
    delete env[name];

  let passed = 0;
  let failed = 0;
  const results = await Promise.all(runtimePromises);
  for (const result of results) {
    if (!result.ok) {
      failed += 1;
      console.log(
        `✘ ${result.runtime.label} (${result.runtime.pkg}): could not install: ${result.error.message}`,
      );
      continue;
    }
    const runtime = result.value;
    const origin = runtime.cached ? `cached, ${mb(runtime.size)}` : `downloaded ${mb(runtime.downloaded)}`;
    const t0 = Date.now();
    const outcome = await new Promise((resolve) => {
      const child = spawn(runtime.binary, runtime.args('smoke.mjs'), {
        cwd: project,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk) => {
        output += chunk;
      });
      child.stderr.on('data', (chunk) => {
        output += chunk;
      });
      const timer = setTimeout(() => {
        output += `\n(timed out after ${RUN_TIMEOUT_MS / 1000} s)`;
        child.kill('SIGKILL');
      }, RUN_TIMEOUT_MS);
      child.on('error', (error) => {
        clearTimeout(timer);
        resolve({ code: -1, output: `${output}\n${error.message}` });
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        resolve({ code: code ?? signal, output });
      });
    });
    const seconds = ((Date.now() - t0) / 1000).toFixed(1);
    const ok = outcome.code === 0 && /SMOKE-OK /.test(outcome.output);
    const exact = outcome.output.match(/SMOKE-OK (.+)/)?.[1] ?? `${runtime.label} ${runtime.version}`;
    if (ok) {
      passed += 1;
      console.log(`✔ ${exact} (${runtime.pkg}@${runtime.version}, ${origin}, ${seconds} s)`);
    } else {
      failed += 1;
      console.log(
        `✘ ${exact} (${runtime.pkg}@${runtime.version}, ${origin}, ${seconds} s, exit ${outcome.code})`,
      );
      console.log(
        outcome.output
          .trim()
          .split('\n')
          .map((line) => `    ${line}`)
          .join('\n'),
      );
    }
  }
  console.log(
    `${passed} runtimes passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  exitCode = failed === 0 ? 0 : 1;
} catch (error) {
  console.error(error.stderr || error);
  exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(exitCode);
