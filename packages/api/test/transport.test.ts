import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { describe, expect, it, vi } from 'vitest';
import {
  AbortError,
  ConnectionError,
  createMmdClient,
  NotFoundError,
  ResponseTooLargeError,
  TimeoutError,
} from '../src/index';
import { sendJson, useLoopbackServers } from './support/loopback-api';

// The transport a client picks by itself on Node: its own undici pool, unless something sits between
// the application and the network (msw, a stub, a proxy dispatcher) or the caller passes `fetch`.
const TENANT_ID = '5b1e8f62-0c39-4f5e-9d8f-2f1a7f3c9e10';
const startServer = useLoopbackServers();
const page = { '@odata.context': 'x#Devices', value: [{ name: 'MMD-1' }] };

function clientOf(origin: string, extra: { fetch?: typeof fetch; maxRetries?: number } = {}) {
  return createMmdClient({
    getToken: async () => 'token-1',
    tenantId: TENANT_ID,
    baseUrl: `${origin}/support/odata/v1`,
    logLevel: 'off',
    ...extra,
  });
}

/** Node's fetch marks its requests with `sec-fetch-mode: cors`; undici's `request` does not. */
const viaFetch = (headers: Record<string, unknown>) => headers['sec-fetch-mode'] === 'cors';

describe('the transport', () => {
  it('sends through its own keep-alive pool when given no fetch, reusing its connections', async () => {
    const sockets = new Set<unknown>();
    const server = await startServer((_, response) => {
      sockets.add(response.socket);
      sendJson(response, 200, page);
    });
    const mmd = clientOf(server.origin);
    for (let call = 0; call < 8; call++) expect((await mmd.listDevices()).value).toEqual(page.value);
    expect(server.requests.map((request) => viaFetch(request.headers))).toEqual(Array(8).fill(false));
    expect(sockets.size).toBeLessThan(3);
    expect(server.requests[0]?.headers['accept-encoding']).toBe('gzip, deflate, br');
    expect(server.requests[0]?.headers.authorization).toBe('Bearer token-1');
  });

  it("uses the caller's fetch when given one", async () => {
    const server = await startServer((_, response) => sendJson(response, 200, page));
    await clientOf(server.origin, { fetch: (input, init) => globalThis.fetch(input, init) }).listDevices();
    expect(viaFetch(server.requests[0]?.headers ?? {})).toBe(true);
  });

  it("works with npm undici's fetch (and any fetch) as the caller's fetch: it gets a URL and an init", async () => {
    const undici = await import('undici');
    const server = await startServer((_, response) => sendJson(response, 200, page));
    const dispatcher = new undici.Agent();
    const mmd = clientOf(server.origin, {
      fetch: ((input: string, init: RequestInit) =>
        undici.fetch(input, { ...(init as object), dispatcher })) as unknown as typeof fetch,
    });
    expect((await mmd.listDevices()).value).toEqual(page.value);
    expect(server.requests[0]?.headers.authorization).toBe('Bearer token-1');
    await dispatcher.close();
  });

  it('leaves the pool for globalThis.fetch while msw (or any replacement) is installed, so msw still answers', async () => {
    const server = await startServer((_, response) => sendJson(response, 200, page));
    const mmd = clientOf(server.origin);
    const msw = setupServer(
      http.get(`${server.origin}/support/odata/v1/tenants/:tenant/devices`, () =>
        HttpResponse.json({ '@odata.context': 'x', value: [{ name: 'FROM-MSW' }] }),
      ),
    );
    msw.listen({ onUnhandledRequest: 'error' });
    try {
      expect((await mmd.listDevices()).value).toEqual([{ name: 'FROM-MSW' }]);
    } finally {
      msw.close();
    }
    expect(server.requests).toHaveLength(0);
    // Once msw is gone, the same client is back on its pool.
    expect((await mmd.listDevices()).value).toEqual(page.value);
    expect(viaFetch(server.requests[0]?.headers ?? {})).toBe(false);
  });

  it("leaves the pool while the application's own global dispatcher is set (a proxy agent, a MockAgent)", async () => {
    const undici = await import('undici');
    const server = await startServer((_, response) => sendJson(response, 200, page));
    const mmd = clientOf(server.origin);
    const original = undici.getGlobalDispatcher();
    const mock = new undici.MockAgent();
    mock.disableNetConnect();
    mock
      .get(server.origin)
      .intercept({ path: (path) => path.includes('/devices') })
      .reply(200, JSON.stringify({ '@odata.context': 'x', value: [{ name: 'FROM-MOCK-AGENT' }] }), {
        headers: { 'content-type': 'application/json' },
      });
    undici.setGlobalDispatcher(mock);
    try {
      expect((await mmd.listDevices()).value).toEqual([{ name: 'FROM-MOCK-AGENT' }]);
    } finally {
      undici.setGlobalDispatcher(original);
      await mock.close();
    }
    expect(server.requests).toHaveLength(0);
    expect((await mmd.listDevices()).value).toEqual(page.value);
    expect(viaFetch(server.requests[0]?.headers ?? {})).toBe(false);
  });

  it.each([
    [
      'an Agent with its own connect options',
      (undici: typeof import('undici')) => new undici.Agent({ connect: { timeout: 20_000 } }),
    ],
    [
      'an Agent composed with an interceptor',
      (undici: typeof import('undici')) =>
        new undici.Agent().compose(
          (dispatch) => (options, handler) =>
            dispatch(
              { ...options, headers: { ...(options.headers as object), 'x-composed': 'yes' } },
              handler,
            ),
        ),
    ],
  ])("leaves the pool for the application's global dispatcher: %s", async (_, make) => {
    const undici = await import('undici');
    const server = await startServer((_request, response) => sendJson(response, 200, page));
    const mmd = clientOf(server.origin);
    const original = undici.getGlobalDispatcher();
    const dispatcher = make(undici);
    undici.setGlobalDispatcher(dispatcher);
    try {
      expect((await mmd.listDevices()).value).toEqual(page.value);
    } finally {
      undici.setGlobalDispatcher(original);
      await dispatcher.close();
    }
    expect(viaFetch(server.requests[0]?.headers ?? {})).toBe(true);
  });

  it('keeps the pool under a global Agent made with no options, which does what Node’s own does', async () => {
    const undici = await import('undici');
    const server = await startServer((_request, response) => sendJson(response, 200, page));
    const original = undici.getGlobalDispatcher();
    const plain = new undici.Agent();
    undici.setGlobalDispatcher(plain);
    try {
      await clientOf(server.origin).listDevices();
    } finally {
      undici.setGlobalDispatcher(original);
      await plain.close();
    }
    expect(viaFetch(server.requests[0]?.headers ?? {})).toBe(false);
  });

  it('leaves the pool for a wrapper of fetch installed before the SDK loaded, even one named fetch', async () => {
    const server = await startServer((_request, response) => sendJson(response, 200, page));
    const nodes = globalThis.fetch;
    let wrapped = 0;
    globalThis.fetch = function fetch(input: RequestInfo | URL, init?: RequestInit) {
      wrapped++;
      return nodes(input, init);
    };
    try {
      vi.resetModules();
      const fresh = await import('../src/index');
      await fresh
        .createMmdClient({
          getToken: async () => 'token-1',
          tenantId: TENANT_ID,
          baseUrl: `${server.origin}/support/odata/v1`,
          logLevel: 'off',
        })
        .listDevices();
    } finally {
      globalThis.fetch = nodes;
    }
    expect(wrapped).toBe(1);
  });

  it.each([
    ['its own pool', {}],
    [
      'globalThis.fetch',
      { fetch: (input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init) },
    ],
  ])('reports a refused connection as ConnectionError on %s', async (_, extra) => {
    const server = await startServer((_request, response) => sendJson(response, 200, page));
    const { origin } = server;
    await server.close();
    const error = await clientOf(origin, { ...extra })
      .listProfiles({}, { timeout: 30_000 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).message).toMatch(
      /^listProfiles failed: could not reach http:\/\/127\.0\.0\.1:\d+/,
    );
  });

  it('decodes gzip answers as fetch does, and reads error answers the same way', async () => {
    const server = await startServer((request, response) => {
      if (request.url.includes('/devices/')) {
        response.writeHead(404, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        response.end(gzipSync(JSON.stringify({ error: { code: 'NotFound', message: 'No such device.' } })));
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      response.end(gzipSync(JSON.stringify(page)));
    });
    const mmd = clientOf(server.origin);
    expect((await mmd.listDevices()).value).toEqual(page.value);
    const error = await mmd.getDevice({ path: { deviceName: 'MMD-9' } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).message).toContain('No such device.');
  });

  it.each([
    ['before the headers', (_response: ServerResponse) => {}],
    [
      'in the middle of the body',
      (response: ServerResponse) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"value": [');
      },
    ],
  ])('stops a stalled request at the deadline %s and lets its connection go', async (_, stall) => {
    const closed: Promise<void>[] = [];
    const server = await startServer((_request, response) => {
      closed.push(new Promise((resolve) => response.socket?.once('close', () => resolve())));
      stall(response);
    });
    const error = await clientOf(server.origin, { maxRetries: 0 })
      .listDevices({}, { timeout: 300 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeoutError);
    // The server sees its socket closed by the client, long before any pool timeout.
    await Promise.all(closed);
    expect(closed).toHaveLength(1);
  });

  it('stops reading an answer as soon as it passes maxResponseBytes, encoded or not', async () => {
    const big = JSON.stringify({ value: 'x'.repeat(64 * 1024) });
    const server = await startServer((request, response) => {
      const gzip = request.url.includes('/devices');
      response.writeHead(200, {
        'content-type': 'application/json',
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      });
      // Never ended: only the limit can settle the read.
      response.write(gzip ? gzipSync(big) : big);
    });
    const mmd = createMmdClient({
      getToken: async () => 'token-1',
      tenantId: TENANT_ID,
      baseUrl: `${server.origin}/support/odata/v1`,
      maxResponseBytes: 16 * 1024,
      logLevel: 'off',
    });
    for (const call of [() => mmd.listDevices(), () => mmd.listProfiles()]) {
      const error = await call().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ResponseTooLargeError);
      expect((error as ResponseTooLargeError).limit).toBe(16 * 1024);
    }
  });

  it.each([
    ['its own pool', {}],
    [
      'a caller’s fetch',
      { fetch: (input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init) },
    ],
  ])('lets the connection go as soon as the caller aborts, on %s', async (_, extra) => {
    let closed: Promise<void> | undefined;
    const server = await startServer((_request, response) => {
      closed = new Promise((resolve) => response.socket?.once('close', () => resolve()));
    });
    const controller = new AbortController();
    const call = clientOf(server.origin, { ...extra, maxRetries: 0 })
      .listDevices({}, { signal: controller.signal, timeout: 120_000 })
      .catch((caught: unknown) => caught);
    await expect.poll(() => server.requests.length, { timeout: 60_000 }).toBe(1);
    controller.abort();
    expect(await call).toBeInstanceOf(AbortError);
    // Long before the 120 s the call was allowed: the abort itself closes the socket.
    const late = new Promise((resolve) => setTimeout(resolve, 30_000, 'still open'));
    expect(await Promise.race([closed, late])).toBeUndefined();
  });
});
