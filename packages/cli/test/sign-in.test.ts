import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import {
  MOCK_CLIENT_ID,
  MOCK_CLIENT_SECRET,
  MOCK_TENANT_ID,
  type MockServer,
} from '@mmd-sdk/mmd-mock/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTerminal } from './support/in-terminal';
import { cleanEnvironment, runMmd } from './support/run-mmd';
import { startSignedInMock } from './support/signed-in-mock';

let server: MockServer;
let signedIn: () => NodeJS.ProcessEnv;
let withoutSecret: () => NodeJS.ProcessEnv;

beforeAll(async () => {
  ({ server, signedIn, withoutSecret } = await startSignedInMock(13));
});
afterAll(async () => {
  await server?.close();
});

const configFile = (environment: NodeJS.ProcessEnv) => `${environment.XDG_CONFIG_HOME}/mmd/config.json`;
// A JWT-shaped and an Entra-secret-shaped value: what a profile must never hold.
const SECRET_SHAPED = 'Qx78Q~Zr0bXk2yV1aPq9mN3sT6wD4fH8jL5cE7uGi';
const JWT_SHAPED = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4eXoiLCJ0aWQiOiJhYmMifQ.';

describe('profiles: tenant, client and URLs only, checked before they are saved', () => {
  it('refuses secret-shaped values (exit 3) and bad ones (exit 2) without saving or echoing them', async () => {
    const environment = cleanEnvironment();
    for (const [flag, value, code] of [
      ['--tenant', SECRET_SHAPED, 3],
      ['--client-id', JWT_SHAPED, 3],
      ['--certificate', '-----BEGIN PRIVATE KEY-----\nMIIE', 3],
      ['--tenant', 'not a tenant', 2],
      ['--client-id', 'my-app', 2],
      ['--base-url', 'https://admin:hunter2@mmdls.example/support/odata/v1', 2],
      ['--authority', 'https://login.example/?client_secret=hunter2', 2],
      ['--base-url', 'http://mmdls.example/support/odata/v1', 2],
    ] as const) {
      const result = await runMmd(['config', 'set', flag, value], { env: environment });
      expect(result.code, `${flag} ${value}: ${result.stderr}`).toBe(code);
      expect(result.stderr).toMatch(/^mmd: [^\n]+\n$/);
      expect(result.stderr).not.toContain('hunter2');
      expect(result.stderr).not.toContain(value);
      expect(existsSync(configFile(environment))).toBe(false);
    }
    const proto = await runMmd(['config', 'set', '--profile', '__proto__', '--tenant', MOCK_TENANT_ID], {
      env: environment,
    });
    expect(proto.code).toBe(2);
    expect(existsSync(configFile(environment))).toBe(false);
  });

  it('says the first profile became the default; config list -o json; a hand-edited bad file is exit 3', async () => {
    const environment = cleanEnvironment();
    const saved = await runMmd(
      [
        'config',
        'set',
        '--profile',
        'contoso',
        '--tenant',
        'contoso.onmicrosoft.com',
        '--client-id',
        MOCK_CLIENT_ID,
      ],
      { env: environment },
    );
    expect(saved.code).toBe(0);
    expect(saved.stderr).toContain('It is the default profile');
    const listed = await runMmd(['config', 'list', '-o', 'json'], { env: environment });
    expect(JSON.parse(listed.stdout)).toEqual([
      { name: 'contoso', default: true, tenant: 'contoso.onmicrosoft.com', clientId: MOCK_CLIENT_ID },
    ]);
    const file = JSON.parse(readFileSync(configFile(environment), 'utf8'));
    for (const edit of [
      { ...file, profiles: { contoso: { ...file.profiles.contoso, tenant: SECRET_SHAPED } } },
      { ...file, profiles: { contoso: { ...file.profiles.contoso, baseUrl: 'https://u:p@x.example' } } },
      { ...file, profiles: { contoso: { ...file.profiles.contoso, color: 'blue' } } },
      JSON.parse(`{"profiles": {"__proto__": {"tenant": "${MOCK_TENANT_ID}"}}}`),
    ]) {
      writeFileSync(configFile(environment), JSON.stringify(edit));
      const used = await runMmd(['devices', 'list', '--profile', 'contoso'], { env: environment });
      expect(used.code, used.stderr).toBe(3);
      expect(used.stderr).toMatch(/^mmd: [^\n]+\n$/);
      expect(used.stderr).not.toContain(SECRET_SHAPED);
    }
  });
});

describe('the token cache key and the config file, when they are not as expected', () => {
  it('an unusable key file is replaced, a wide mode narrowed; a bad MMD_TOKEN_CACHE_KEY is named (exit 3)', async () => {
    const environment = signedIn();
    const keyFile = `${environment.XDG_CONFIG_HOME}/mmd/token-cache.key`;
    mkdirSync(`${environment.XDG_CONFIG_HOME}/mmd`, { recursive: true });
    writeFileSync(keyFile, 'garbage\n', { mode: 0o644 });
    const replaced = await runMmd(['devices', 'list', '--top', '1'], { env: environment });
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(replaced.stderr).toContain('did not hold a usable key; a new one replaces it');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    chmodSync(keyFile, 0o644);
    const narrowed = await runMmd(['devices', 'list', '--top', '1'], { env: environment });
    expect(narrowed.code).toBe(0);
    expect(narrowed.stderr).toContain('its mode is now 0600');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const bad = await runMmd(['devices', 'list'], {
      env: { ...environment, MMD_TOKEN_CACHE_KEY: 'not-a-key' },
    });
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/^mmd: MMD_TOKEN_CACHE_KEY must be 32 random bytes[^\n]*\n$/);
  });

  it('a key file or config file that is a device or a FIFO is never read whole nor waited on', async () => {
    const environment = signedIn();
    const folder = `${environment.XDG_CONFIG_HOME}/mmd`;
    mkdirSync(folder, { recursive: true });
    symlinkSync('/dev/zero', `${folder}/token-cache.key`);
    const zero = await runMmd(['devices', 'list', '--top', '1'], { env: environment });
    expect(zero.code, zero.stderr).toBe(0);
    expect(zero.stderr).toContain('did not hold a usable key');
    rmSync(`${folder}/token-cache.key`);
    execFileSync('mkfifo', [`${folder}/token-cache.key`]);
    const fifo = await runMmd(['devices', 'list', '--top', '1'], { env: environment });
    expect(fifo.code, fifo.stderr).toBe(0);
    symlinkSync('/dev/zero', `${folder}/config.json`);
    const config = await runMmd(['devices', 'list', '--top', '1'], { env: environment });
    expect(config.code).toBe(3);
    expect(config.stderr).toContain('is not a regular file');
  });

  it('a config or cache folder under /proc (where mkdir loops) ends with a warning, not a spin', async () => {
    const environment = {
      ...signedIn(),
      XDG_CONFIG_HOME: '/proc/mmd-test',
      XDG_CACHE_HOME: '/proc/mmd-test',
    };
    const result = await runMmd(['devices', 'list', '--top', '1'], { env: environment });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('tokens are not kept between runs');
    const mock = await runMmd(['devices', 'list', '--mock', '--top', '1'], { env: environment });
    expect(mock.code, mock.stderr).toBe(0);
  });

  it('a config directory that cannot be written: commands run without keeping tokens, config set says why', async () => {
    const environment = signedIn();
    // A file where the config directory would be: as a read-only home does, every write there fails.
    writeFileSync(`${environment.HOME}/not-a-directory`, '');
    const blocked = { ...environment, XDG_CONFIG_HOME: `${environment.HOME}/not-a-directory` };
    const listed = await runMmd(['devices', 'list', '--top', '1'], { env: blocked });
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stderr).toContain('tokens are not kept between runs');
    const saved = await runMmd(['config', 'set', '--tenant', MOCK_TENANT_ID], { env: blocked });
    expect(saved.code).toBe(3);
    expect(saved.stderr).toMatch(/^mmd: cannot create [^\n]*MMD_CONFIG_DIR[^\n]*\n$/);
  });

  it('ten mmd config set at once keep all ten profiles; a secret-like key at the top of the file is refused', async () => {
    const environment = cleanEnvironment();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        runMmd(
          [
            'config',
            'set',
            '--profile',
            `p${index}`,
            '--tenant',
            MOCK_TENANT_ID,
            '--client-id',
            MOCK_CLIENT_ID,
          ],
          {
            env: environment,
          },
        ),
      ),
    );
    expect(results.map((result) => result.code)).toEqual(Array(10).fill(0));
    const file = JSON.parse(readFileSync(configFile(environment), 'utf8'));
    expect(Object.keys(file.profiles).sort()).toEqual(
      Array.from({ length: 10 }, (_, index) => `p${index}`).sort(),
    );
    writeFileSync(configFile(environment), JSON.stringify({ ...file, clientSecret: SECRET_SHAPED }));
    const refused = await runMmd(['config', 'list', '-o', 'json'], { env: environment });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('never stores secrets');
    expect(refused.stderr).not.toContain(SECRET_SHAPED);
  });
});

describe('what mmd writes where', () => {
  it('MMD_LOG=debug writes the SDK lines to stderr: $(mmd token --raw) is the token alone', async () => {
    const result = await runMmd(['token', '--raw', '--no-token-cache'], {
      env: { ...signedIn(), MMD_LOG: 'debug' },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(result.stderr).toContain('[mmd-auth] token acquired');
    expect(result.stderr).not.toContain(result.stdout.split('.')[2]);
  });

  it('an error keeps its cause and its fix on one line (the token endpoint refusing a wrong secret)', async () => {
    const result = await runMmd(['devices', 'list', '--no-token-cache'], {
      env: { ...signedIn(), AZURE_CLIENT_SECRET: 'wrong-secret-value' },
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^mmd: [^\n]+\n$/);
    expect(result.stderr).toContain('AADSTS7000215');
    expect(result.stderr).toContain("use the secret's Value");
    expect(result.stderr).not.toContain('wrong-secret-value');
  });

  it('a token endpoint that hangs is reported as the token request that timed out (exit 4)', async () => {
    const hanging: Server = await new Promise((resolve) => {
      const listener = createServer(() => {}).listen(0, '127.0.0.1', () => resolve(listener));
    });
    const { port } = hanging.address() as { port: number };
    try {
      const result = await runMmd(
        ['devices', 'list', '--no-token-cache', '--timeout', '1000', '--retries', '0'],
        {
          env: { ...signedIn(), AZURE_AUTHORITY_HOST: `http://127.0.0.1:${port}` },
        },
      );
      expect(result.code).toBe(4);
      expect(result.stderr).toMatch(/^mmd: Token request failed[^\n]*\n$/);
    } finally {
      hanging.closeAllConnections();
      hanging.close();
    }
  });

  it('--retries bounds the token request as it does the API call (2 retries by default)', async () => {
    let requests = 0;
    const failing: Server = await new Promise((resolve) => {
      const listener = createServer((_request, response) => {
        requests++;
        response.writeHead(503, { 'content-type': 'application/json', 'retry-after': '0' });
        response.end('{"error":"temporarily_unavailable","error_description":"AADSTS50001: try again."}');
      }).listen(0, '127.0.0.1', () => resolve(listener));
    });
    const { port } = failing.address() as { port: number };
    const environment = { ...signedIn(), AZURE_AUTHORITY_HOST: `http://127.0.0.1:${port}` };
    try {
      const byDefault = await runMmd(['devices', 'list', '--no-token-cache'], { env: environment });
      expect(byDefault.code).not.toBe(0);
      expect(requests).toBe(3);
      requests = 0;
      const none = await runMmd(['devices', 'list', '--no-token-cache', '--retries', '0'], {
        env: environment,
      });
      expect(none.code).not.toBe(0);
      expect(requests).toBe(1);
    } finally {
      failing.close();
    }
  });
});

describe('on a terminal: the secret prompt, Ctrl-C and colours', () => {
  it('asks for the secret only when no cached token will do; mmd logout forgets the tokens', async () => {
    const environment = withoutSecret();
    const prompt = { prompt: 'Client secret of app', keys: `${MOCK_CLIENT_SECRET}\r` };
    const before = server.model.stats.tokenRequests;
    const first = await inTerminal(['devices', 'list', '--top', '1', '-o', 'json'], environment, prompt);
    expect(first.code, first.output).toBe(0);
    expect(first.output).not.toContain(MOCK_CLIENT_SECRET);
    expect(server.model.stats.tokenRequests - before).toBe(1);

    const second = await inTerminal(['tickets', 'list', '--top', '1', '-o', 'json'], environment);
    expect(second.code, second.output).toBe(0);
    expect(second.output).not.toContain('Client secret');
    expect(server.model.stats.tokenRequests - before).toBe(1);

    const logout = await runMmd(['logout'], { env: environment });
    expect(logout.stderr).toMatch(/Removed \d+ cached token/);
    const third = await inTerminal(['devices', 'list', '--top', '1', '-o', 'json'], environment, prompt);
    expect(third.code, third.output).toBe(0);
    expect(third.output).toContain('Client secret');
    expect(server.model.stats.tokenRequests - before).toBe(2);
  });

  it('Ctrl-C at the secret prompt exits 130, an empty secret exits 3, and no token request is sent', async () => {
    const before = server.model.stats.tokenRequests;
    const args = ['devices', 'list', '--no-token-cache'];
    const interrupted = await inTerminal(args, withoutSecret(), {
      prompt: 'Client secret of app',
      keys: '\x03',
    });
    expect(interrupted.code, interrupted.output).toBe(130);
    expect(interrupted.output).toContain('interrupted: nothing was sent');
    const empty = await inTerminal(args, withoutSecret(), { prompt: 'Client secret of app', keys: '\r' });
    expect(empty.code, empty.output).toBe(3);
    expect(empty.output).toContain('no client secret typed');
    expect(server.model.stats.tokenRequests).toBe(before);
  });

  it('Ctrl-C at a prompt exits 130 and sends nothing; --no-color prompts have no colour codes', async () => {
    const ticket = server.model.tenants[0]?.tickets[0]?.id as string;
    const writes = () => server.model.stats.apiRequests;
    const before = writes();
    const args = ['tickets', 'notes', 'add', ticket, '--body', '{"text":"x"}'];
    const prompt = 'Add a note to a support ticket';
    const interrupted = await inTerminal(args, signedIn(), { prompt, keys: '\x03' });
    expect(interrupted.code).toBe(130);
    expect(interrupted.output).toContain('interrupted');
    expect(writes()).toBe(before);

    // biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes are what is looked for
    const colour = /\x1b\[[0-9;]*m/;
    const coloured = await inTerminal(args, signedIn(), { prompt, keys: 'n\r' });
    expect(coloured.output).toMatch(colour);
    const plain = await inTerminal([...args, '--no-color'], signedIn(), { prompt, keys: 'n\r' });
    expect(plain.code).toBe(2);
    expect(plain.output).not.toMatch(colour);
    const noColor = await inTerminal(args, { ...signedIn(), NO_COLOR: '1' }, { prompt, keys: 'n\r' });
    expect(noColor.output).not.toMatch(colour);
  });
});
