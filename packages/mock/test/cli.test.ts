import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliUsageError, parseCliArguments } from '../src/cli/parse-cli-arguments';
import { type RunningCli, startCli } from '../src/cli/run-cli';
import { MOCK_TENANT_ID } from '../src/server';
import { httpsRequest } from './support/https-client';

const folder = mkdtempSync(join(tmpdir(), 'mmd-mock-cli-test-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Runs the CLI in this process, collecting what it prints; stops the server `use` was given. */
async function withCli(
  args: readonly string[],
  use: (running: RunningCli, printed: string) => Promise<void>,
) {
  const lines: string[] = [];
  const running = await startCli(args, { log: (text) => lines.push(text) });
  if (!running) throw new Error('the CLI started no server');
  try {
    await use(running, lines.join('\n'));
  } finally {
    await running.stop();
  }
}

describe('the mmd-mock command line', () => {
  it('starts https with --tls, prints only https URLs and writes the certificate to --tls-cert-out', async () => {
    const certificateFile = join(folder, 'mock ca.pem');
    await withCli(
      ['--tls', '--port', '0', '--devices', '3', '--tls-cert-out', certificateFile],
      async (running, printed) => {
        const { url, baseUrl } = running.server;
        expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
        expect(printed).toContain(`Mock MMD tenant listening on ${url}`);
        expect(printed).toContain(`API base URL    ${baseUrl}`);
        expect(printed).not.toMatch(/http:\/\//);
        expect(printed).toContain(`NODE_EXTRA_CA_CERTS='${certificateFile}'`);
        expect(printed).toContain(`curl -s --cacert '${certificateFile}' -X POST ${url}/`);
        expect(running.certificateFile).toBe(certificateFile);
        const ca = readFileSync(certificateFile, 'utf8');
        expect(ca).toBe(running.server.tls?.caPem);
        const keys = await httpsRequest(`${url}/${MOCK_TENANT_ID}/discovery/v2.0/keys`, { ca });
        expect(keys.status).toBe(200);
      },
    );
    expect(existsSync(certificateFile)).toBe(true);
  });

  it('writes the certificate to a temporary file without --tls-cert-out, and removes it on stop', async () => {
    let written = '';
    await withCli(['--tls', '--port', '0'], async (running, printed) => {
      written = running.certificateFile ?? '';
      expect(printed).toContain(`CA certificate  ${written}`);
      expect(readFileSync(written, 'utf8')).toBe(running.server.tls?.caPem);
    });
    expect(written).not.toBe('');
    expect(existsSync(written)).toBe(false);
  });

  it('starts plain http without --tls, with no certificate', async () => {
    await withCli(['--port', '0'], async (running, printed) => {
      expect(running.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(running.certificateFile).toBeUndefined();
      expect(printed).not.toMatch(/CA certificate|--cacert/);
    });
  });

  it.each([
    [['--tls-cert-out', 'ca.pem'], /^--tls-cert-out writes the certificate of an https server: add --tls\.$/],
    [['--port', 'abc'], /^--port must be a number of at least 0 \(got "abc"\)\.$/],
    [['--latency=-5'], /^--latency must be a number of at least 0/],
    [['--latency', '-5'], /^Option '--latency' argument is ambiguous\. Did you forget/],
    [['--tsl'], /Unknown option '--tsl'/],
    [['--host', '0.0.0.0'], /^--host must be a loopback address \(127\.0\.0\.1, ::1 or localhost\)/],
    [['--host', '::'], /^--host must be a loopback address/],
    [['--host', '192.168.1.10'], /^--host must be a loopback address/],
  ])('refuses %j with a one-line CliUsageError', (args, message) => {
    const error = (() => {
      try {
        parseCliArguments(args);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(CliUsageError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toMatch(/\n/);
  });

  it('refuses a --tls-cert-out it cannot write, and stops the server it started', async () => {
    const error = await startCli(
      ['--tls', '--port', '0', '--tls-cert-out', join(folder, 'missing', 'ca.pem')],
      {
        log: () => undefined,
      },
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CliUsageError);
    expect((error as Error).message).toMatch(
      /^--tls-cert-out: cannot write .+ \(ENOENT\); name a file in a folder that exists\.$/,
    );
  });

  it('prints the usage for --help and starts nothing', async () => {
    const lines: string[] = [];
    expect(await startCli(['--help'], { log: (text) => lines.push(text) })).toBeUndefined();
    expect(lines.join('\n')).toMatch(/^Usage: mmd-mock .*--tls/s);
  });
});
