import { describe, expect, it, vi } from 'vitest';
import { ClientSecretCredential, TokenRequestError } from '../src/index';
import { inTurn, tokenResponse, unavailable } from './support/answers';
import { tokenRequestError } from './support/expected-errors';
import { useFakeTimeouts } from './support/fake-timeouts';
import { answersInTurn, sendToken, useLoopbackTokenServers } from './support/loopback-token-server';
import { SECRET_OPTIONS, useTokenEndpoints } from './support/token-endpoint';

const { server, serve } = useTokenEndpoints();
const startLoopback = useLoopbackTokenServers(server);

function credential(options: { authorityHost?: string; timeout?: number; maxRetries?: number } = {}) {
  return new ClientSecretCredential({
    ...SECRET_OPTIONS,
    logger: {},
    // Retries (a 429 without Retry-After, a reset, a timeout) follow at once instead of backing off.
    maxRetryDelay: 0,
    ...options,
  });
}

describe('token endpoint faults', () => {
  it('serves 200 concurrent callers through a 429 storm with one request chain', async () => {
    const endpoint = serve(
      inTurn(
        () => unavailable(429),
        () => unavailable(429, {}),
        () => unavailable(429),
        () => tokenResponse('after-the-storm'),
      ),
    );
    const subject = credential({ maxRetries: 5 });
    const tokens = await Promise.all(Array.from({ length: 200 }, () => subject.getToken()));
    expect(new Set(tokens.map((token) => token.token))).toEqual(new Set(['after-the-storm']));
    expect(endpoint.requests).toHaveLength(4);
  });

  it('gives every caller the same typed error when the storm outlasts the retries, with no unhandled rejection', async () => {
    const endpoint = serve(() => unavailable(429));
    const subject = credential({ maxRetries: 2 });
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => subject.getToken()));
    expect(
      results.every((result) => result.status === 'rejected' && result.reason instanceof TokenRequestError),
    ).toBe(true);
    expect(endpoint.requests).toHaveLength(3);
  });

  it('retries after the connection is reset, then succeeds', async () => {
    const loopback = await startLoopback(
      answersInTurn(
        (response) => response.socket?.destroy(),
        (response) => sendToken(response, 'after-reset'),
      ),
    );
    await expect(credential({ authorityHost: loopback.authorityHost }).getToken()).resolves.toMatchObject({
      token: 'after-reset',
    });
    expect(loopback.requests()).toBe(2);
  });

  it('abandons a body that stops half-way once the per-attempt timeout has passed', async () => {
    useFakeTimeouts();
    const loopback = await startLoopback((response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
      response.write('{"token_type":"Bearer","expires_in":"35');
    });
    const failure = tokenRequestError(
      credential({ authorityHost: loopback.authorityHost, timeout: 500, maxRetries: 1 }).getToken(),
    );
    for (const attempt of [1, 2]) {
      await loopback.received(attempt);
      await vi.advanceTimersByTimeAsync(500);
    }
    const error = await failure;
    expect(error.message).toMatch(/no answer within 500 ms \(after 2 attempts\)/);
    expect(error.attempts).toBe(2);
    expect(loopback.requests()).toBe(2);
  });
});
