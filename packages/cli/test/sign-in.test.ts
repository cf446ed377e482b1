import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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
