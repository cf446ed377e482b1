import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { ClientSecretCredential, createMmdClient } from '@mmd-sdk/mmd-api';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { createMockTenant, type MockTenantHandlersOptions } from '../src/index';
import { MOCK_CLIENT_ID, MOCK_CLIENT_SECRET, MOCK_TENANT_ID, type MockServer } from '../src/server';

let signingKey: KeyObject | undefined;

/**
 * One RSA signing key for the whole test file (generating one costs about 0.2 s, far more on a busy
 * machine), made on first use so that files which never ask pay nothing. Pass it as `signingKey` to
 * every mock tenant, model and server a test creates.
 */
export function sharedSigningKey(): KeyObject {
  signingKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  return signingKey;
}

/** A fresh mock tenant per test, served through msw; returns a getter for the current one. */
export function useMockTenant(tenantOptions: MockTenantHandlersOptions = {}) {
  const options = { signingKey: sharedSigningKey(), ...tenantOptions };
  const server = setupServer();
  let current = createMockTenant(options);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    current = createMockTenant(options);
    server.use(...current.handlers);
  });
  afterAll(() => server.close());
  server.use(...current.handlers);
  return { server, tenant: () => current };
}

export function clientFor(
  tenant: ReturnType<typeof createMockTenant>,
  options: { maxRetries?: number; maxRetryDelay?: number } = {},
) {
  return createMmdClient({
    tenantId: tenant.tenantId,
    clientId: tenant.clientId,
    clientSecret: tenant.clientSecret,
    logLevel: 'off',
    ...options,
  });
}

/** A client of a running mock server, authenticated through the server's own token endpoint. */
export function clientForServer(
  server: MockServer,
  options: { fetch?: typeof fetch; maxRetries?: number; timeout?: number } = {},
) {
  const credential = new ClientSecretCredential({
    tenantId: MOCK_TENANT_ID,
    clientId: MOCK_CLIENT_ID,
    clientSecret: MOCK_CLIENT_SECRET,
    authorityHost: server.url,
  });
  return createMmdClient({
    credential,
    tenantId: MOCK_TENANT_ID,
    baseUrl: server.baseUrl,
    logLevel: 'off',
    ...options,
  });
}

/**
 * Runs `work` with `setTimeout` faked, moving the fake clock on `stepMs` at a time (letting real I/O
 * run between steps) until it settles. Returns how it settled and the fake milliseconds that passed:
 * a timer of N ms inside `work` cannot have fired before N fake milliseconds passed, however busy the
 * machine is, and no real time is waited for it.
 */
export async function withFakeClock<T>(
  work: () => Promise<T>,
  stepMs = 10,
): Promise<{ outcome: PromiseSettledResult<T>; elapsedMs: number }> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  try {
    let outcome: PromiseSettledResult<T> | undefined;
    work().then(
      (value) => {
        outcome = { status: 'fulfilled', value };
      },
      (reason: unknown) => {
        outcome = { status: 'rejected', reason };
      },
    );
    let elapsedMs = 0;
    for (;;) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (outcome) return { outcome, elapsedMs };
      if (elapsedMs >= 60_000) throw new Error('the work did not settle within 60 s of fake time');
      await vi.advanceTimersByTimeAsync(stepMs);
      elapsedMs += stepMs;
    }
  } finally {
    vi.useRealTimers();
  }
}
