import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  ConnectionError,
  createMmdClient,
  InvalidResponseError,
  MmdApiError,
  ServerError,
} from '../src/index';
import { sendJson, useLoopbackServers } from './support/loopback-api';

// Answers that are odd but happen, read on the client's own pool as Node's fetch reads them, and the
// same through a caller's fetch. Found by an outside tester of the pool.
const TENANT_ID = '5b1e8f62-0c39-4f5e-9d8f-2f1a7f3c9e10';
const startServer = useLoopbackServers();
const page = { '@odata.context': 'x#Devices', value: [{ name: 'MMD-1' }] };

const transports = [
  ['its own pool', undefined],
  ['a caller’s fetch', (input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init)],
] as const;

function clientOf(origin: string, fetch: typeof globalThis.fetch | undefined, timeout = 30_000) {
  return createMmdClient({
    getToken: async () => 'token-1',
    tenantId: TENANT_ID,
    baseUrl: `${origin}/support/odata/v1`,
    maxRetries: 0,
    timeout,
    logLevel: 'off',
    ...(fetch ? { fetch } : {}),
  });
}

describe.each(transports)('answers on %s', (_, fetch) => {
  it.each([600, 999])(
    'refuses status %i as an InvalidResponseError, and the process lives on',
    async (status) => {
      const server = await startServer((_request, response) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end('{}');
      });
      const error = await clientOf(server.origin, fetch)
        .listDevices()
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect((error as InvalidResponseError).message).toBe(
        `listDevices failed: the service answered with status ${status}, which HTTP does not define; is baseUrl the MMD API?`,
      );
    },
  );

  it.each([[{}], [{ 'content-length': '5' }]])(
    'answers a 304 (headers %j) as the status it is, not as a connection error to retry',
    async (headers) => {
      const server = await startServer((_request, response) => {
        response.writeHead(304, headers);
        response.end();
      });
      const error = await clientOf(server.origin, fetch)
        .listDevices()
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(MmdApiError);
      expect(error).not.toBeInstanceOf(ConnectionError);
      expect((error as MmdApiError).status).toBe(304);
      expect((error as MmdApiError).message).not.toContain('redirect');
      expect(server.requests).toHaveLength(1);
    },
  );

  it('keeps the status text of an error answer with no body', async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(503, 'Service Unavailable');
      response.end();
    });
    const error = await clientOf(server.origin, fetch)
      .listDevices()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).message).toContain('Service Unavailable');
  });

  it('reads JSON that starts with a byte order mark, and raw DEFLATE sent as deflate', async () => {
    const server = await startServer((request, response) => {
      const json = JSON.stringify(page);
      if (request.url.includes('/devices')) {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(`\uFEFF${json}`);
      } else {
        response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'deflate' });
        response.end(deflateRawSync(JSON.stringify({ value: [] })));
      }
    });
    const mmd = clientOf(server.origin, fetch);
    expect((await mmd.listDevices()).value).toEqual(page.value);
    expect(await mmd.listProfiles()).toBeDefined();
  });
});

it('waits for a slow answer as long as the call’s own timeout says, above the client’s', async () => {
  const server = await startServer((_request, response) => {
    setTimeout(() => sendJson(response, 200, page), 1_500);
  });
  const mmd = clientOf(server.origin, undefined, 1_000);
  expect((await mmd.listDevices({}, { timeout: 60_000 })).value).toEqual(page.value);
});
