import { execFileSync } from 'node:child_process';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import type { MockServer } from '@mmd-sdk/mmd-mock/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnvironment, runMmd } from './support/run-mmd';
import { startSignedInMock } from './support/signed-in-mock';

let server: MockServer;
let signedIn: () => NodeJS.ProcessEnv;

beforeAll(async () => {
  ({ server, signedIn } = await startSignedInMock(11));
});
afterAll(async () => {
  await server?.close();
});

/** Exit 2, one line on stderr starting `mmd:`, nothing on stdout, and (unless `sends`) nothing sent. */
async function refused(args: string[], environment = signedIn(), sends = false, input?: string) {
  const before = server.model.stats.apiRequests + server.model.stats.tokenRequests;
  const result = await runMmd(args, { env: environment, ...(input !== undefined ? { input } : {}) });
  expect(result.code, result.stderr).toBe(2);
  expect(result.stderr).toMatch(/^mmd: [^\n]+\n$/);
  expect(result.stdout).toBe('');
  if (!sends) expect(server.model.stats.apiRequests + server.model.stats.tokenRequests).toBe(before);
  return result.stderr;
}

describe('a command line that cannot run: one line, exit 2, nothing sent', () => {
  it('an unknown option, without its value, and a secret flag answered with where secrets go', async () => {
    expect(await refused(['devices', 'list', '--bogus'])).toBe(
      "mmd: unknown option '--bogus' (add --help for usage).\n",
    );
    const secret = 'Abc8Q~not-a-real-secret-but-shaped-like-one';
    const flagged = await refused(['devices', 'list', `--client-secret=${secret}`]);
    expect(flagged).not.toContain(secret);
    expect(flagged).not.toContain('not-a-real');
    expect(flagged).toContain('AZURE_CLIENT_SECRET');
    // A secret typed where a value goes is not repeated either.
    for (const args of [
      ['devices', 'list', '-o', secret],
      ['devices', 'list', '--timeout', secret],
      ['devices', 'list', '--top', secret],
      ['completion', secret],
      ['help', secret],
      ['config', 'use', secret],
      ['tickets', 'create', '--yes', '--body', `{"text": ${secret}}`],
    ]) {
      const line = await refused(args);
      expect(line, args.join(' ')).not.toContain('not-a-real');
      expect(line).not.toContain('Q~');
    }
    const other = await refused(['tickets', 'list', '--passphrase=hunter2']);
    expect(other).not.toContain('hunter2');
    expect(await refused(['tickets', 'list', '--frobnicate=visible'])).not.toContain('visible');
  });

  it('query flags are checked against the document: enum values, booleans, required ones, numbers', async () => {
    const body = ['--body', '["9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"]', '--yes'];
    expect(
      await refused(['profiles', 'reassign', '--persona', 'Nope', '--wipe', 'false', ...body]),
    ).toContain('Allowed choices are Standard, SensitiveData, PowerUser, Kiosk, Starter');
    expect(
      await refused(['profiles', 'reassign', '--persona', 'Kiosk', '--wipe', 'maybe', ...body]),
    ).toContain('Allowed choices are true, false');
    expect(await refused(['profiles', 'reassign', '--wipe', 'false', ...body])).toContain(
      "required option '--persona <value>'",
    );
    expect(await refused(['devices', 'list', '--top', '-1'])).toContain('--top must be a whole number');
    expect(await refused(['devices', 'list', '--timeout', '0'])).toContain('--timeout');
    expect(await refused(['devices', 'list', '--retries', '11'])).toContain('--retries');
    expect(await refused(['devices', 'list', '--page-size', '5'])).toContain('add --all');
    expect(await refused(['devices', 'list', '--all', '--top', '3', '--page-size', '7'])).toContain(
      'pass one',
    );
    expect(await refused(['devices', 'list', '--columns', ''])).toContain('--columns takes field names');
    expect(await refused(['devices', 'list'], { ...signedIn(), MMD_LOG: 'verbose' })).toContain('MMD_LOG');
    expect(await refused(['devices', 'list', '--tenant', '../../evil'])).toMatch(/^mmd: --tenant must be/);
    expect(await refused(['devices', 'list', '--client-id', 'my-app'])).toMatch(/^mmd: --client-id must be/);
    expect(await refused(['devices', 'list', '--certificate', '/no/such.pem'])).toContain(
      '--certificate: no regular file',
    );
  });

  it('--mock refuses the options of a real tenant rather than mixing them in', async () => {
    const line = await refused(['devices', 'list', '--mock', '--base-url', server.baseUrl]);
    expect(line).toContain('drop --base-url');
    expect(await refused(['devices', 'list', '--mock', '--tenant', 'contoso.onmicrosoft.com'])).toContain(
      'drop --tenant',
    );
  });

  it('--columns naming no field of the items is refused before anything is printed', async () => {
    // Checked against the first page, so that page is fetched.
    const line = await refused(
      ['devices', 'list', '--columns', 'name,nosuch', '-o', 'csv'],
      signedIn(),
      true,
    );
    expect(line).toContain('"nosuch"');
    expect(line).toContain('serialNumber');
    const json = await runMmd(['devices', 'list', '--top', '2', '--columns', 'model,name', '-o', 'json'], {
      env: signedIn(),
    });
    expect(json.code).toBe(0);
    for (const item of JSON.parse(json.stdout) as object[])
      expect(Object.keys(item)).toEqual(['model', 'name']);
  });

  it('mmd mock listens on loopback only, and a busy port is a usage error', async () => {
    expect(await refused(['mock', '--host', '0.0.0.0'])).toContain('loopback');
    expect(await refused(['mock', '--host', '::'])).toContain('loopback');
    const busy: Server = await new Promise((resolve) => {
      const listener = createServer().listen(0, '127.0.0.1', () => resolve(listener));
    });
    const { port } = busy.address() as { port: number };
    try {
      expect(await refused(['mock', '--port', String(port)])).toContain('--port 0');
    } finally {
      busy.close();
    }
  });
});

describe('what the service sends cannot drive the terminal', () => {
  it('control characters and bidi overrides in data are shown escaped in tables; JSON keeps the value', async () => {
    const title = '\u001b]0;PWNED\u0007\u001b[2J\u009b31mRed\u202eevil\r\u0008';
    const body = JSON.stringify({
      title,
      description: 'd',
      type: 'RequestForInformation',
      category: 'Devices',
      subcategory: 'Hardware',
      severity: 4,
      contact: { givenName: 'A', surname: 'B', email: 'a@contoso.com', phoneNumber: '1' },
    });
    const created = await runMmd(['tickets', 'create', '--yes', '--body', '-', '-o', 'json'], {
      env: signedIn(),
      input: body,
    });
    expect(created.code, created.stderr).toBe(0);
    const id = (JSON.parse(created.stdout) as { id: string }).id;
    for (const format of ['table', 'json', 'ndjson']) {
      const shown = await runMmd(['tickets', 'get', id, '-o', format, '--columns', 'id,title'], {
        env: signedIn(),
      });
      expect(shown.code).toBe(0);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: what must not reach the terminal
      expect(shown.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
      expect(shown.stdout).toContain('\\u001b]0;PWNED\\u0007');
      if (format !== 'table') expect((JSON.parse(shown.stdout) as { title: string }).title).toBe(title);
    }
  });
});

describe('an error quoting the service cannot drive the terminal either', () => {
  it('controls, bidi overrides and separators in an error message are escaped on stderr', async () => {
    const hostile: HttpServer = await new Promise((resolve) => {
      const listener = createHttpServer((_request, response) => {
        response.writeHead(400, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({ error: { code: 'x', message: 'm\u009b2J\u202eevil\u200e\u061c\u0007 end' } }),
        );
      }).listen(0, '127.0.0.1', () => resolve(listener));
    });
    const { port } = hostile.address() as { port: number };
    try {
      const result = await runMmd(
        ['devices', 'list', '--retries', '0', '--base-url', `http://127.0.0.1:${port}/support/odata/v1`],
        { env: signedIn() },
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^mmd: [^\n]+\n$/);
      expect(result.stderr.trimEnd()).not.toMatch(
        // biome-ignore lint/suspicious/noControlCharactersInRegex: what must not reach the terminal
        /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u202e]/,
      );
      expect(result.stderr).toContain('evil');
    } finally {
      hostile.close();
    }
  });
});

describe('bounded input', () => {
  it('a body over 4 MiB on stdin, or from a device, is refused without reading it all', async () => {
    expect(
      await refused(
        ['tickets', 'create', '--yes', '--body', '-'],
        signedIn(),
        false,
        ' '.repeat(5 * 1024 * 1024),
      ),
    ).toContain('over 4 MiB');
    expect(await refused(['tickets', 'create', '--yes', '--body', '@/dev/zero'])).toContain(
      'not a regular file',
    );
    expect(await refused(['tickets', 'create', '--yes', '--body', '@/no/such/file.json'])).toContain(
      '(ENOENT)',
    );
  });
});

describe('help', () => {
  it('mmd help <group> <command> is the command help; a group help shows examples of its commands', async () => {
    expect(await refused(['help', 'devices', 'nosuch'], cleanEnvironment())).toContain(
      'no command "devices nosuch"',
    );
    const help = await runMmd(['help', 'tickets', 'notes', 'add'], { env: cleanEnvironment() });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: mmd tickets notes add [options] <ticket-id>');
    const group = await runMmd(['devices', '--help'], { env: cleanEnvironment() });
    expect(group.stdout).toMatch(/Examples:\n\s+\$ mmd devices list/);
    expect(group.stdout).toContain('$ mmd devices get ');
    const command = await runMmd(['profiles', 'reassign', '--help'], { env: cleanEnvironment() });
    // The document's examples: the persona and wipe values of its example call, in both forms of the body.
    expect(command.stdout).toContain('--persona Kiosk --wipe false --body @body.json');
    expect(command.stdout).toContain('--persona Kiosk --wipe false --body - --yes');
    expect(command.stdout.replace(/\s+/g, ' ')).toContain(
      'choices: "Standard", "SensitiveData", "PowerUser", "Kiosk", "Starter"',
    );
  });

  it('completion offers the values of --output, of enum flags and of the shell argument', async () => {
    const bash = await runMmd(['completion', 'bash'], { env: cleanEnvironment() });
    expect(bash.code).toBe(0);
    expect(bash.stdout).toMatch(
      /"devices list\|--output"\|"devices list\|-o"\) words='table json ndjson csv'/,
    );
    expect(bash.stdout).toContain(
      `"profiles reassign|--persona") words='Standard SensitiveData PowerUser Kiosk Starter'`,
    );
    expect(bash.stdout).toContain(`"completion") words='bash zsh fish`);
    // What bash offers, from the script as bash runs it.
    const offered = (words: string[]) =>
      execFileSync(
        'bash',
        [
          '-c',
          `${bash.stdout}\nCOMP_LINE='${words.join(' ')}'; COMP_POINT=\${#COMP_LINE}; _mmd; echo "\${COMPREPLY[*]}"`,
        ],
        { encoding: 'utf8' },
      ).trim();
    expect(offered(['mmd', 'devices', 'list', '--output', ''])).toBe('table json ndjson csv');
    expect(offered(['mmd', '-o', 'nd'])).toBe('ndjson');
    expect(offered(['mmd', 'profiles', 'reassign', '--persona', 'Po'])).toBe('PowerUser');
    expect(offered(['mmd', 'dev'])).toBe('devices');
    expect(offered(['mmd', 'devices', 'get', 'MMD-1', '--col'])).toBe('--columns');
    // The value of a global option is not a command word.
    expect(offered(['mmd', '--timeout', '5000', 'devices', 'l'])).toBe('list');
    expect(offered(['mmd', '-o', 'json', 'profiles', 'reassign', '--persona', 'Ki'])).toBe('Kiosk');
    expect(offered(['mmd', '--profile', 'contoso', 'tickets', 'n'])).toBe('notes');
    // Blanks alone split words: --flag=value and URLs (whose ':' bash also breaks on) are one word.
    expect(offered(['mmd', '--output=json', 'devices', 'l'])).toBe('list');
    expect(offered(['mmd', '--base-url', 'http://127.0.0.1:1/support/odata/v1', 'devices', 'l'])).toBe(
      'list',
    );
    expect(offered(['mmd', '--profile=p', 'tickets', 'notes', 'a'])).toBe('add');
    const fish = await runMmd(['completion', 'fish'], { env: cleanEnvironment() });
    expect(fish.stdout).toContain("-l 'output' -x -a 'table json ndjson csv'");
    expect(await refused(['completion', 'tcsh'], cleanEnvironment())).toContain('bash, zsh, fish');
  });
});
