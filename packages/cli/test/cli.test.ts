import { createServer } from 'node:net';
import { operations } from '@mmd-sdk/mmd-api';
import {
  MOCK_CLIENT_ID,
  MOCK_CLIENT_SECRET,
  MOCK_TENANT_ID,
  type MockServer,
} from '@mmd-sdk/mmd-mock/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationTable } from '../src/generated/operations.gen';
import { commandPath } from '../src/naming';
import { inTerminal } from './support/in-terminal';
import { cleanEnvironment, runMmd } from './support/run-mmd';
import { startSignedInMock } from './support/signed-in-mock';

let server: MockServer;
/** Signed in to the shared mock server through the SDK's AZURE_* variables, tokens kept between runs. */
let signedIn: NodeJS.ProcessEnv;

beforeAll(async () => {
  const mock = await startSignedInMock(7);
  server = mock.server;
  signedIn = mock.signedIn();
});
afterAll(async () => {
  await server?.close();
});

const tenant = () => server.model.tenants[0] as NonNullable<(typeof server.model.tenants)[0]>;

describe('the command tree', () => {
  it('is the generated operation table, by one naming rule', () => {
    expect(operationTable).toEqual(JSON.parse(JSON.stringify(operations)));
    const paths = Object.fromEntries(
      Object.entries(operationTable).map(([id, spec]) => [id, commandPath(id, spec).join(' ')]),
    );
    expect(paths).toMatchObject({
      listDevices: 'devices list',
      getDevice: 'devices get',
      reassignDeviceProfile: 'profiles reassign',
      addTicketNote: 'tickets notes add',
      listTicketNotes: 'tickets notes list',
      createElevationRequest: 'elevation-requests create',
      getElevationDetails: 'elevation-requests details get',
    });
    expect(new Set(Object.values(paths)).size).toBe(Object.keys(paths).length);
  });

  it('mmd --help lists the groups and the exit codes; a command shows its summary and an example', async () => {
    const help = await runMmd(['--help']);
    expect(help.code).toBe(0);
    for (const group of [
      'devices',
      'profiles',
      'users',
      'tickets',
      'elevation-requests',
      'token',
      'mock',
      'completion',
    ]) {
      expect(help.stdout).toContain(group);
    }
    expect(help.stdout).toMatch(/Exit codes:[\s\S]*4 {2}network/);
    const command = await runMmd(['tickets', 'notes', 'add', '--help']);
    expect(command.code).toBe(0);
    expect(command.stdout).toContain('Add a note to a support ticket');
    expect(command.stdout).toContain('$ mmd tickets notes add MMD-1465058-R5V8P --body @body.json');
  });

  it('prints completion scripts for bash, zsh and fish from the same tree', async () => {
    for (const shell of ['bash', 'zsh', 'fish']) {
      const result = await runMmd(['completion', shell]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('elevation-requests');
      expect(result.stdout).toContain(shell === 'fish' ? "-a 'notes'" : 'notes');
    }
    expect((await runMmd(['completion', 'tcsh'])).code).toBe(2);
  });
});

describe('every command group, against the mock', () => {
  it('devices, users, profiles, tickets, elevation requests', async () => {
    const device = tenant().devices[0]?.name as string;
    const user = tenant().devices.find((entry) => entry.userUpn)?.userUpn as string;
    const ticket = tenant().tickets[0]?.id as string;
    const runs: [string[], (stdout: string) => void][] = [
      [['devices', 'get', device], (out) => expect(JSON.parse(out).name).toBe(device)],
      [
        ['users', 'get', user],
        (out) => expect(JSON.parse(out).userPrincipalName ?? JSON.parse(out).upn ?? out).toBeTruthy(),
      ],
      [['users', 'list', '--top', '3'], (out) => expect(JSON.parse(out)).toHaveLength(3)],
      [['profiles', 'list'], (out) => expect(JSON.parse(out).length).toBeGreaterThan(0)],
      [['tickets', 'get', ticket], (out) => expect(JSON.parse(out).id).toBe(ticket)],
      [['tickets', 'notes', 'list', ticket], (out) => expect(Array.isArray(JSON.parse(out))).toBe(true)],
      [
        ['elevation-requests', 'list', '--filter', `deviceName ne 'x'`],
        (out) => expect(JSON.parse(out).length).toBeGreaterThan(0),
      ],
    ];
    for (const [args, check] of runs) {
      const result = await runMmd(args, { env: signedIn });
      expect(result.stderr, args.join(' ')).toBe('');
      expect(result.code, args.join(' ')).toBe(0);
      check(result.stdout);
    }
  });

  it('writes with --yes: a ticket from a stdin body, a note, an elevation request opened and closed', async () => {
    const body = {
      title: 'Printer from the CLI',
      description: 'Jammed',
      type: 'Incident',
      category: 'Devices',
      subcategory: 'Hardware',
      severity: 3,
      contact: {
        givenName: 'Adele',
        surname: 'Vance',
        email: 'adele.vance@contoso.com',
        phoneNumber: '+1 425 555 0100',
      },
    };
    const created = await runMmd(['tickets', 'create', '--body', '-', '--yes'], {
      env: signedIn,
      input: JSON.stringify(body),
    });
    expect(created.code).toBe(0);
    const ticket = JSON.parse(created.stdout) as { id: string; title: string };
    expect(ticket.title).toBe(body.title);
    expect(tenant().tickets.some((entry) => entry.id === ticket.id)).toBe(true);

    const note = await runMmd(
      ['tickets', 'notes', 'add', ticket.id, '--body', '{"text":"Rebooted twice."}', '-y'],
      { env: signedIn },
    );
    expect(note.code).toBe(0);
    const notes = await runMmd(['tickets', 'notes', 'list', ticket.id, '-o', 'ndjson'], { env: signedIn });
    expect(notes.stdout).toContain('Rebooted twice.');

    const device = tenant().devices.find(
      (entry) =>
        !tenant().elevationRequests.some(
          (request) => request.deviceName === entry.name && request.requestClosureTime === null,
        ),
    )?.name as string;
    const opened = await runMmd(
      [
        'elevation-requests',
        'create',
        '--yes',
        '--body',
        JSON.stringify({
          partnerTicketId: ticket.id,
          deviceName: device,
          title: 'Add-in',
          category: 'Office',
          subcategory: 'Excel',
          planOfAction: 'Reinstall',
        }),
      ],
      { env: signedIn },
    );
    expect(opened.stderr).toBe('');
    const request = JSON.parse(opened.stdout) as { id: string };
    const details = await runMmd(['elevation-requests', 'details', 'get', device], { env: signedIn });
    expect(details.code).toBe(0);
    const closed = await runMmd(
      ['elevation-requests', 'close', request.id, '--yes', '--body', '{"actionsTaken":"Done"}'],
      { env: signedIn },
    );
    expect(closed.code).toBe(0);
  });

  it('profiles reassign takes its query flags and prints the service text', async () => {
    const device = tenant().devices[1] as { aadDeviceId: string };
    const result = await runMmd(
      [
        'profiles',
        'reassign',
        '--persona',
        'PowerUser',
        '--wipe',
        'false',
        '--body',
        JSON.stringify([device.aadDeviceId]),
        '--yes',
      ],
      { env: signedIn },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.trim().length).toBeGreaterThan(0);
  });

  it('--mock runs in-process with no sign-in at all', async () => {
    const result = await runMmd(['devices', 'list', '--mock', '--top', '5', '-o', 'ndjson']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(5);
  });
});

describe('output', () => {
  it('table, json, ndjson and csv', async () => {
    const table = await runMmd(
      ['devices', 'list', '--top', '4', '-o', 'table', '--columns', 'name,manufacturer'],
      { env: signedIn },
    );
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^name\s+manufacturer$/);
    expect(lines).toHaveLength(5);
    expect(table.stdout).not.toContain('\u001b['); // no colours into a pipe

    const json = await runMmd(['devices', 'list', '--top', '4'], { env: signedIn }); // json by default into a pipe
    expect(JSON.parse(json.stdout)).toHaveLength(4);

    const ndjson = await runMmd(['devices', 'list', '--top', '4', '-o', 'ndjson'], { env: signedIn });
    expect(
      ndjson.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).name),
    ).toEqual(JSON.parse(json.stdout).map((d: { name: string }) => d.name));

    const csv = await runMmd(
      ['devices', 'list', '--top', '4', '-o', 'csv', '--columns', 'name,complianceState'],
      { env: signedIn },
    );
    const rows = csv.stdout.trim().split('\n');
    expect(rows[0]).toBe('name,complianceState');
    expect(rows).toHaveLength(5);

    const entity = await runMmd(['devices', 'get', tenant().devices[0]?.name as string, '-o', 'table'], {
      env: signedIn,
    });
    expect(entity.stdout).toMatch(/^name\s+MMD-/m);
  });

  it('--all follows every page, streaming ndjson and csv', async () => {
    const total = tenant().devices.length;
    const before = server.model.stats.apiRequests;
    const ndjson = await runMmd(['devices', 'list', '--all', '--page-size', '7', '-o', 'ndjson'], {
      env: signedIn,
    });
    expect(ndjson.code).toBe(0);
    const ids = ndjson.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).intuneId);
    expect(ids).toHaveLength(total);
    expect(new Set(ids)).toEqual(new Set(tenant().devices.map((device) => device.intuneId)));
    expect(server.model.stats.apiRequests - before).toBe(Math.floor(total / 7) + 1);
    expect(ndjson.stderr).toBe(''); // no progress line: stderr is not a terminal

    const csv = await runMmd(['devices', 'list', '--all', '--page-size', '9', '-o', 'csv'], {
      env: signedIn,
    });
    expect(csv.stdout.trim().split('\n')).toHaveLength(total + 1);
    const json = await runMmd(['devices', 'list', '--all', '--page-size', '11'], { env: signedIn });
    expect(JSON.parse(json.stdout)).toHaveLength(total);
  });
});

describe('exit codes', () => {
  it('1 for an API error, 2 for usage, 3 for sign-in, 4 for the network; one line, no stack', async () => {
    const notFound = await runMmd(['devices', 'get', 'MMD-NOPE'], { env: signedIn });
    expect(notFound.code).toBe(1);
    expect(notFound.stderr.trim()).toBe('mmd: getDevice failed: 404 This device does not exist.');

    expect((await runMmd(['devices', 'list', '--bogus'], { env: signedIn })).code).toBe(2);
    expect((await runMmd(['devices', 'get'], { env: signedIn })).code).toBe(2);
    expect((await runMmd(['devices', 'list', '--top', 'many'], { env: signedIn })).code).toBe(2);
    expect((await runMmd(['tickets', 'create', '--yes'], { env: signedIn })).code).toBe(2); // no body

    const wrongSecret = await runMmd(['devices', 'list', '--no-token-cache'], {
      env: { ...signedIn, AZURE_CLIENT_SECRET: 'not-the-secret' },
    });
    expect(wrongSecret.code).toBe(3);
    expect(wrongSecret.stderr).toMatch(/^mmd: .*\n$/);
    expect(wrongSecret.stderr).not.toContain('not-the-secret');
    expect(wrongSecret.stderr).not.toMatch(/\bat \S+ \(/); // no stack trace

    const noCredential = await runMmd(['devices', 'list'], {
      env: cleanEnvironment({ AZURE_TENANT_ID: MOCK_TENANT_ID, AZURE_CLIENT_ID: MOCK_CLIENT_ID }),
    });
    expect(noCredential.code).toBe(3);
    expect(noCredential.stderr).toContain('AZURE_CLIENT_SECRET');

    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const unreachable = await runMmd(
      ['devices', 'list', '--retries', '0', '--base-url', `http://127.0.0.1:${closedPort}/support/odata/v1`],
      { env: signedIn },
    );
    expect(unreachable.code).toBe(4);
  });

  it('a write without --yes when stdin is not a terminal: exit 2, nothing sent', async () => {
    const before = server.model.stats.apiRequests;
    const tickets = tenant().tickets.length;
    const result = await runMmd(['tickets', 'create', '--body', '{"title":"x"}'], { env: signedIn });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('--yes');
    expect(server.model.stats.apiRequests).toBe(before);
    expect(tenant().tickets.length).toBe(tickets);
  });
});

describe('tokens', () => {
  it('mmd token never prints the token; --raw into a pipe does', async () => {
    const raw = await runMmd(['token', '--raw'], { env: signedIn });
    expect(raw.code).toBe(0);
    expect(raw.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const shown = await runMmd(['token'], { env: signedIn });
    expect(shown.code).toBe(0);
    const info = JSON.parse(shown.stdout) as { scopes: string[]; expiresOn: string; claims: { tid: string } };
    expect(info.scopes).toContain('MmdSupport.ReadWrite');
    expect(info.claims.tid).toBe(MOCK_TENANT_ID);
    expect(shown.stdout).not.toContain(raw.stdout);
    expect(shown.stdout).not.toContain(raw.stdout.split('.')[2]);
  });

  it('a second command within the hour sends no token request (encrypted file cache, generated key)', async () => {
    const sign = Object.entries(signedIn).filter(([name]) => /^(AZURE_|MMD_BASE_URL)/.test(name));
    const environment = cleanEnvironment(Object.fromEntries(sign));
    const before = server.model.stats.tokenRequests;
    expect((await runMmd(['devices', 'list', '--top', '1'], { env: environment })).code).toBe(0);
    expect(server.model.stats.tokenRequests - before).toBe(1);
    expect((await runMmd(['tickets', 'list', '--top', '1'], { env: environment })).code).toBe(0);
    expect(server.model.stats.tokenRequests - before).toBe(1);
    const { statSync } = await import('node:fs');
    const key = statSync(`${environment.XDG_CONFIG_HOME}/mmd/token-cache.key`);
    expect(key.mode & 0o777).toBe(0o600);
    // --no-token-cache asks again.
    expect(
      (await runMmd(['devices', 'list', '--top', '1', '--no-token-cache'], { env: environment })).code,
    ).toBe(0);
    expect(server.model.stats.tokenRequests - before).toBe(2);
  });
});

describe('profiles of the config file', () => {
  it('stores tenant and client, never a secret', async () => {
    const environment = cleanEnvironment({
      AZURE_CLIENT_SECRET: MOCK_CLIENT_SECRET,
      AZURE_AUTHORITY_HOST: server.url,
    });
    const saved = await runMmd(
      [
        'config',
        'set',
        '--profile',
        'contoso',
        '--tenant',
        MOCK_TENANT_ID,
        '--client-id',
        MOCK_CLIENT_ID,
        '--base-url',
        server.baseUrl,
      ],
      { env: environment },
    );
    expect(saved.code).toBe(0);
    const listed = await runMmd(['tickets', 'list', '--top', '2', '--profile', 'contoso'], {
      env: environment,
    });
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toHaveLength(2);
    const { readFileSync, writeFileSync } = await import('node:fs');
    const path = `${environment.XDG_CONFIG_HOME}/mmd/config.json`;
    expect(readFileSync(path, 'utf8')).not.toContain(MOCK_CLIENT_SECRET);
    const file = JSON.parse(readFileSync(path, 'utf8'));
    file.profiles.contoso.clientSecret = 'x';
    writeFileSync(path, JSON.stringify(file));
    const refused = await runMmd(['tickets', 'list', '--profile', 'contoso'], { env: environment });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('never stores secrets');
    expect((await runMmd(['tickets', 'list', '--profile', 'nope'], { env: cleanEnvironment() })).code).toBe(
      2,
    );
  });
});

describe('on a terminal (script(1) pseudo-terminal)', () => {
  it('shows the progress line on stderr and answers the confirmation prompt', async () => {
    const listed = await inTerminal(
      ['devices', 'list', '--all', '--page-size', '10', '-o', 'ndjson'],
      signedIn,
    );
    expect(listed.code).toBe(0);
    expect(listed.output).toMatch(/List devices: \d+ pages, [\d,]+ items, [\d,]+ items\/s/);

    const ticket = tenant().tickets[1]?.id as string;
    const notes = () => tenant().tickets.find((entry) => entry.id === ticket)?.notes?.length ?? 0;
    const before = notes();
    const refused = await inTerminal(
      ['tickets', 'notes', 'add', ticket, '--body', '{"text":"no"}'],
      signedIn,
      {
        prompt: 'Add a note to a support ticket',
        keys: 'n\r',
      },
    );
    expect(refused.code).toBe(2);
    expect(notes()).toBe(before);
    const accepted = await inTerminal(
      ['tickets', 'notes', 'add', ticket, '--body', '{"text":"from a terminal"}'],
      signedIn,
      {
        prompt: 'Add a note to a support ticket',
        keys: 'y\r',
      },
    );
    expect(accepted.output).toContain('Done.');
    expect(accepted.code).toBe(0);
    expect(notes()).toBe(before + 1);
  });
});
