import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpResponse, http, passthrough } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientSecretCredential, TokenRequestError } from '../src/index';
import { useMswServer } from './support/msw-server';
import { observe } from './support/observed';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  createTokenEndpoint,
  TENANT_ID,
  tokenResponse,
} from './support/token-endpoint';

const server = useMswServer();
const loopbackServers: Server[] = [];

afterEach(async () => {
  await Promise.all(
    loopbackServers.splice(0).map(
      (loopback) =>
        new Promise((resolve) => {
          loopback.close(resolve);
          loopback.closeAllConnections();
        }),
    ),
  );
});

/** A real token endpoint on 127.0.0.1 whose misbehaviour msw cannot fake: resets and stalled bodies. */
async function startLoopback(
  handle: (attempt: number, response: import('node:http').ServerResponse) => void,
) {
  let attempt = 0;
  const loopback = createServer((request, response) => {
    request.resume();
    handle(attempt++, response);
  });
  loopbackServers.push(loopback);
  await new Promise<void>((resolve) => loopback.listen(0, '127.0.0.1', resolve));
  const authorityHost = `http://127.0.0.1:${(loopback.address() as AddressInfo).port}`;
  // msw lets this loopback traffic through to the real server.
  server.use(http.all(`${authorityHost}/*`, () => passthrough()));
  return { authorityHost, attempts: () => attempt };
}

function credential(options: { authorityHost?: string; timeout?: number; maxRetries?: number } = {}) {
  return new ClientSecretCredential({
    tenantId: TENANT_ID,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    logger: {},
    // Retries (a 429 without Retry-After, a reset, a timeout) follow at once instead of backing off.
    maxRetryDelay: 0,
    ...options,
  });
}

describe('token endpoint faults', () => {
  it('serves 200 concurrent callers through a 429 storm with one request chain', async () => {
    const endpoint = createTokenEndpoint((_, index) =>
      index < 3
        ? HttpResponse.json(
            { error: 'temporarily_unavailable' },
            { status: 429, headers: index === 1 ? {} : { 'retry-after': '0' } },
          )
        : tokenResponse('after-the-storm'),
    );
    server.use(endpoint.handler);
    const subject = credential({ maxRetries: 5 });
    const tokens = await Promise.all(Array.from({ length: 200 }, () => subject.getToken()));
    expect(new Set(tokens.map((token) => token.token))).toEqual(new Set(['after-the-storm']));
    expect(endpoint.requests).toHaveLength(4);
  });

  it('gives every caller the same typed error when the storm outlasts the retries, with no unhandled rejection', async () => {
    const endpoint = createTokenEndpoint(() =>
      HttpResponse.json(
        { error: 'temporarily_unavailable' },
        { status: 429, headers: { 'retry-after': '0' } },
      ),
    );
    server.use(endpoint.handler);
    const subject = credential({ maxRetries: 2 });
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => subject.getToken()));
    expect(
      results.every((result) => result.status === 'rejected' && result.reason instanceof TokenRequestError),
    ).toBe(true);
    expect(endpoint.requests).toHaveLength(3);
  });

  it('retries after the connection is reset, then succeeds', async () => {
    const loopback = await startLoopback((attempt, response) => {
      if (attempt === 0) response.socket?.destroy();
      else
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ token_type: 'Bearer', expires_in: '3599', access_token: 'after-reset' }));
    });
    await expect(credential({ authorityHost: loopback.authorityHost }).getToken()).resolves.toMatchObject({
      token: 'after-reset',
    });
    expect(loopback.attempts()).toBe(2);
  });

  it('abandons a body that stops half-way, within the per-attempt timeout', async () => {
    const loopback = await startLoopback((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
      response.write('{"token_type":"Bearer","expires_in":"35');
    });
    const started = Date.now();
    const error = await credential({ authorityHost: loopback.authorityHost, timeout: 500, maxRetries: 1 })
      .getToken()
      .catch(observe);
    expect(error).toBeInstanceOf(TokenRequestError);
    expect((error as TokenRequestError).message).toMatch(/no answer within 500 ms \(after 2 attempts\)/);
    expect((error as TokenRequestError).attempts).toBe(2);
    // Only a hang guard: minutes, not milliseconds, are what it catches.
    expect(Date.now() - started).toBeLessThan(30_000);
    // On a busy machine the second attempt may time out before its request reaches the server.
    expect(loopback.attempts()).toBeGreaterThanOrEqual(1);
  });
});
