import dns from 'node:dns';
import { lookup as lookupPromise } from 'node:dns/promises';
import nodeHttp, { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { promisify } from 'node:util';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  assertNoRefusedConnections,
  isLoopbackHost,
  LoopbackOnlyGuardError,
  takeRefusedConnections,
} from '../../../scripts/test-setup/loopback-only';

const IMDS_TOKEN_URL =
  'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://mmdls.microsoft.com';

/** The reason a fetch failed: undici wraps connection errors as TypeError('fetch failed', { cause }). */
async function fetchFailure(url: string): Promise<unknown> {
  try {
    await fetch(url);
  } catch (error) {
    return (error as Error).cause ?? error;
  }
  throw new Error(`fetch(${url}) was not refused`);
}

/** node:http through the module object, where msw's interceptor patches it (named imports keep the original). */
function httpGet(url: string): Promise<{ status: number | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    nodeHttp
      .get(url, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode, body }));
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

// Every refusal these tests provoke is taken by the test; anything left over is a real finding.
afterEach(() => assertNoRefusedConnections());

describe('loopback-only test guard', () => {
  let loopbackServer: Server;
  let loopbackPort: number;
  beforeAll(async () => {
    loopbackServer = createServer((_, response) => response.end('loopback ok'));
    await new Promise<void>((resolve) => loopbackServer.listen(0, '127.0.0.1', resolve));
    loopbackPort = (loopbackServer.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => loopbackServer.close(() => resolve())));

  it('refuses a fetch to Azure IMDS (169.254.169.254) before it connects, and records it', async () => {
    const cause = await fetchFailure(IMDS_TOKEN_URL);
    expect(cause).toBeInstanceOf(LoopbackOnlyGuardError);
    expect((cause as Error).message).toBe(
      'loopback-only test guard: refused connection to 169.254.169.254:80',
    );
    expect(takeRefusedConnections()).toEqual([
      expect.objectContaining({
        target: '169.254.169.254:80',
        via: 'net.Socket#connect',
        test: expect.stringContaining('Azure IMDS'),
      }),
    ]);
  });

  it('refuses a fetch to a public IP and a public host name, naming neither DNS nor a packet', async () => {
    expect(((await fetchFailure('https://1.1.1.1/')) as Error).message).toBe(
      'loopback-only test guard: refused connection to 1.1.1.1:443',
    );
    expect(((await fetchFailure('https://[2606:4700:4700::1111]/')) as Error).message).toBe(
      'loopback-only test guard: refused connection to [2606:4700:4700::1111]:443',
    );
    // A host name is refused as given, before any DNS lookup.
    expect(((await fetchFailure('https://login.microsoftonline.com/common/v2.0')) as Error).message).toBe(
      'loopback-only test guard: refused connection to login.microsoftonline.com:443',
    );
    expect(takeRefusedConnections().map((entry) => entry.target)).toEqual([
      '1.1.1.1:443',
      '[2606:4700:4700::1111]:443',
      'login.microsoftonline.com:443',
    ]);
  });

  it('refuses in socket.connect itself: the socket never starts connecting, so nothing is sent', async () => {
    const socket = connect({ host: '169.254.169.254', port: 80 });
    // A real connect marks the socket as connecting before it returns; the guard never called it.
    expect(socket.connecting).toBe(false);
    const error = await new Promise<Error>((resolve) => socket.once('error', resolve));
    expect(error).toBeInstanceOf(LoopbackOnlyGuardError);
    expect(error.message).toBe('loopback-only test guard: refused connection to 169.254.169.254:80');
    expect(socket.remoteAddress).toBeUndefined();
    expect(socket.destroyed).toBe(true);
    await expect(httpGet('http://mmdls.microsoft.com/')).rejects.toThrow(LoopbackOnlyGuardError);
    expect(takeRefusedConnections().map((entry) => entry.target)).toEqual([
      '169.254.169.254:80',
      'mmdls.microsoft.com:80',
    ]);
  });

  it('refuses DNS lookups of names other than localhost, in every form', async () => {
    const lookupError = await new Promise((resolve) => dns.lookup('login.microsoftonline.com', resolve));
    expect(lookupError).toEqual(
      new LoopbackOnlyGuardError('loopback-only test guard: refused DNS lookup of login.microsoftonline.com'),
    );
    await expect(dns.promises.lookup('mmdls.microsoft.com')).rejects.toThrow(LoopbackOnlyGuardError);
    await expect(lookupPromise('mmdls.microsoft.com')).rejects.toThrow(LoopbackOnlyGuardError);
    await expect(promisify(dns.lookup)('graph.microsoft.com')).rejects.toThrow(LoopbackOnlyGuardError);
    expect(takeRefusedConnections().map((entry) => `${entry.via} ${entry.target}`)).toEqual([
      'dns.lookup login.microsoftonline.com',
      'dns.promises.lookup mmdls.microsoft.com',
      'dns.promises.lookup mmdls.microsoft.com',
      'dns.lookup graph.microsoft.com',
    ]);
    await expect(dns.promises.lookup('localhost')).resolves.toMatchObject({ address: expect.any(String) });
    await expect(promisify(dns.lookup)('localhost')).resolves.toMatchObject({ family: expect.any(Number) });
  });

  it('records a refusal that the code under test swallowed, so the file still fails', async () => {
    // A retrying client would catch this and report its own ConnectionError.
    await fetch(IMDS_TOKEN_URL).catch(() => undefined);
    expect(() => assertNoRefusedConnections()).toThrow(
      /made 1 attempt\(s\) to reach beyond the loopback interface[\s\S]*169\.254\.169\.254:80 \(net\.Socket#connect, in test "[^"]*swallowed/,
    );
    // The check took the refusal, as the setup file's afterAll hook would.
    expect(takeRefusedConnections()).toEqual([]);
  });

  it('lets fetch and node:http reach a server on 127.0.0.1, and net.connect reach it as localhost', async () => {
    const response = await fetch(`http://127.0.0.1:${loopbackPort}/`);
    expect(await response.text()).toBe('loopback ok');
    expect(await httpGet(`http://127.0.0.1:${loopbackPort}/`)).toEqual({ status: 200, body: 'loopback ok' });
    const socket = connect({ host: 'localhost', port: loopbackPort, family: 4 });
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    socket.destroy();
    expect(takeRefusedConnections()).toEqual([]);
  });

  it.each([
    ['localhost', true],
    ['LOCALHOST.', true],
    ['127.0.0.1', true],
    ['127.255.0.9', true],
    ['::1', true],
    ['[::1]', true],
    ['0:0:0:0:0:0:0:1', true],
    ['::ffff:127.0.0.1', true],
    ['169.254.169.254', false],
    ['0.0.0.0', false],
    ['::', false],
    ['::ffff:169.254.169.254', false],
    ['128.0.0.1', false],
    ['localhost.microsoft.com', false],
    ['login.microsoftonline.com', false],
  ])('counts %s as loopback: %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});

describe('with msw', () => {
  const server = setupServer(
    http.post('https://login.microsoftonline.com/:tenant/oauth2/v2.0/token', () =>
      HttpResponse.json({ token_type: 'Bearer', expires_in: 3599, access_token: 'mocked' }),
    ),
    http.get('http://169.254.169.254/metadata/identity/oauth2/token', () =>
      HttpResponse.json({ from: 'msw' }),
    ),
  );
  // 'bypass' so that an unhandled request goes on to the network layer, where the guard stops it.
  beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
  afterAll(() => server.close());

  it('leaves requests that msw answers alone, for fetch and node:http', async () => {
    const token = await fetch('https://login.microsoftonline.com/contoso/oauth2/v2.0/token', {
      method: 'POST',
    });
    expect(await token.json()).toMatchObject({ access_token: 'mocked' });
    expect(await (await fetch(IMDS_TOKEN_URL)).json()).toEqual({ from: 'msw' });
    expect(await httpGet(IMDS_TOKEN_URL)).toEqual({ status: 200, body: '{"from":"msw"}' });
    expect(takeRefusedConnections()).toEqual([]);
  });

  it('still refuses what msw lets through to the network', async () => {
    expect(((await fetchFailure('https://mmdls.microsoft.com/support/odata/v1/')) as Error).message).toBe(
      'loopback-only test guard: refused connection to mmdls.microsoft.com:443',
    );
    await expect(httpGet('http://169.254.169.254/metadata/instance')).rejects.toThrow(
      'loopback-only test guard: refused connection to 169.254.169.254:80',
    );
    expect(takeRefusedConnections().map((entry) => entry.target)).toEqual([
      'mmdls.microsoft.com:443',
      '169.254.169.254:80',
    ]);
  });
});
