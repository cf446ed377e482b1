import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { ManagedIdentityCredential, type ManagedIdentityCredentialOptions, MMD_SCOPE } from '../src/index';
import { ENCRYPTION_KEY } from './support/encryption-keys';
import { configurationError, rejection, tokenRequestError } from './support/expected-errors';
import { useFakeTimeouts } from './support/fake-timeouts';
import { imdsToken, sendJson, useIdentityServers } from './support/identity-endpoint';
import { answersInTurn } from './support/loopback-token-server';
import { createMemoryTokenStore } from './support/memory-token-store';
import { useMswServer } from './support/msw-server';
import { createRecordingLogger } from './support/recording-logger';

const startServer = useIdentityServers(useMswServer());
const RESOURCE = 'https://mwaas-services-customerapi-prod.azurewebsites.net';
const USER_ASSIGNED = '8d3b1f0e-4a6c-4b2e-9f71-2c5d8e9a0b13';
const RESOURCE_ID =
  '/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/mmd/providers/Microsoft.ManagedIdentity/userAssignedIdentities/mmd-worker';
const APP_SERVICE_SECRET = 'app-service-header-5f1c9e2a-secret';

function credentialAt(
  server: { authorityHost: string },
  options: ManagedIdentityCredentialOptions = {},
): ManagedIdentityCredential {
  return new ManagedIdentityCredential(
    { imdsEndpoint: server.authorityHost, maxRetryDelay: 0, logger: createRecordingLogger(), ...options },
    {},
  );
}

describe('ManagedIdentityCredential against IMDS', () => {
  it('sends the IMDS request: GET, api-version 2018-02-01, the resource, Metadata: true and a client-request-id', async () => {
    const server = await startServer((response) => imdsToken(response, 'imds-token'));
    const before = Date.now();
    const token = await credentialAt(server).getToken();
    expect(token.token).toBe('imds-token');
    const [request] = server.seen;
    expect(request?.method).toBe('GET');
    expect(request?.path).toBe('/metadata/identity/oauth2/token');
    expect(Object.fromEntries(request?.query ?? [])).toEqual({
      'api-version': '2018-02-01',
      resource: RESOURCE,
    });
    expect(request?.headers.metadata).toBe('true');
    expect(request?.headers['client-request-id']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(request?.headers['return-client-request-id']).toBe('true');
    // A day-long token is refreshed half-way, as MSAL does.
    expect(token.expiresOnTimestamp).toBeGreaterThanOrEqual(before + 86_399_000);
    expect(token.expiresOnTimestamp - token.refreshAfterTimestamp).toBeCloseTo(86_399_000 / 2, -3);
  });

  it.each([
    [{ clientId: USER_ASSIGNED }, 'client_id', USER_ASSIGNED],
    [{ objectId: USER_ASSIGNED }, 'object_id', USER_ASSIGNED],
    [{ resourceId: RESOURCE_ID }, 'msi_res_id', RESOURCE_ID],
  ] as const)('names a user-assigned identity (%j) as %s', async (identity, parameter, value) => {
    const server = await startServer((response) => imdsToken(response, 'user-token'));
    await credentialAt(server, identity).getToken();
    expect(server.seen[0]?.query.get(parameter)).toBe(value);
  });

  it('takes @azure/identity’s (clientId, options) form', async () => {
    const server = await startServer((response) => imdsToken(response, 'positional'));
    const credential = new ManagedIdentityCredential(USER_ASSIGNED, { imdsEndpoint: server.authorityHost });
    await credential.getToken();
    expect(server.seen[0]?.query.get('client_id')).toBe(USER_ASSIGNED);
  });

  it('asks the host in AZURE_POD_IDENTITY_AUTHORITY_HOST, as @azure/identity does', async () => {
    const server = await startServer((response) => imdsToken(response, 'pod-identity'));
    const credential = new ManagedIdentityCredential(
      {},
      { AZURE_POD_IDENTITY_AUTHORITY_HOST: server.authorityHost },
    );
    expect(credential.source).toBe('IMDS');
    await expect(credential.getToken('https://vault.azure.net/.default')).resolves.toMatchObject({
      token: 'pod-identity',
    });
    expect(server.seen[0]?.query.get('resource')).toBe('https://vault.azure.net');
  });

  it('retries 404, 429 and 5xx, then succeeds', async () => {
    const server = await startServer(
      answersInTurn(
        (response) => sendJson(response, 404, { error: 'not_found' }),
        (response) => sendJson(response, 429, { error: 'throttled' }),
        (response) => sendJson(response, 500, { error: 'unavailable' }),
        (response) => imdsToken(response, 'after-retries'),
      ),
    );
    await expect(credentialAt(server, { maxRetries: 3 }).getToken()).resolves.toMatchObject({
      token: 'after-retries',
    });
    expect(server.requests()).toBe(4);
  });

  it('retries a 410 every 10 seconds, 7 times (70 s in all), then gives up', async () => {
    useFakeTimeouts();
    const server = await startServer((response) => sendJson(response, 410, { error: 'gone' }));
    const logger = createRecordingLogger();
    const pending = rejection(
      credentialAt(server, { maxRetryDelay: 60_000, logger, logLevel: 'debug' }).getToken(),
    );
    for (let retry = 1; retry <= 7; retry++) {
      await logger.waitForLine(/retrying in 10000 ms \(attempt \d of 8;/, retry);
      await vi.advanceTimersByTimeAsync(10_000);
    }
    const error = await pending;
    expect(error).toMatchObject({ status: 410, attempts: 8, retryable: true });
    expect(server.requests()).toBe(8);
  });

  it('does not retry a 400, and says what to check', async () => {
    const server = await startServer((response) =>
      sendJson(response, 400, { error: 'invalid_request', error_description: 'Identity not found' }),
    );
    const error = await tokenRequestError(credentialAt(server, { clientId: USER_ASSIGNED }).getToken());
    expect(error.message).toMatch(
      /^Token request failed: 400 invalid_request: Identity not found\. Hint: no managed identity/,
    );
    expect(error.attempts).toBe(1);
    expect(error.clientRequestId).toBe(server.seen[0]?.headers['client-request-id']);
  });

  it('shares one request between concurrent callers and serves the cache after', async () => {
    const server = await startServer((response) => imdsToken(response, 'shared'));
    const credential = credentialAt(server);
    const tokens = await Promise.all(Array.from({ length: 50 }, () => credential.getToken()));
    await credential.getToken();
    expect(new Set(tokens.map(({ token }) => token))).toEqual(new Set(['shared']));
    expect(server.requests()).toBe(1);
  });

  it('keeps tokens in a token store like the other credentials', async () => {
    const server = await startServer((response, attempt) => imdsToken(response, `stored-${attempt}`));
    const store = createMemoryTokenStore();
    const cache = { store, encryptionKey: ENCRYPTION_KEY };
    const first = await credentialAt(server, { cache }).getToken();
    const second = await credentialAt(server, { cache }).getToken();
    expect(second.token).toBe(first.token);
    expect(server.requests()).toBe(1);
  });

  it('refuses more than one scope, before any request', async () => {
    const server = await startServer((response) => imdsToken(response, 'unused'));
    const error = await rejection(
      credentialAt(server).getToken([MMD_SCOPE, 'https://vault.azure.net/.default']),
    );
    expect(error).toMatchObject({ name: 'MmdConfigurationError', option: 'scopes' });
    expect(server.requests()).toBe(0);
  });
});

describe('ManagedIdentityCredential on App Service and Functions', () => {
  function appService(server: { authorityHost: string }, options: ManagedIdentityCredentialOptions = {}) {
    return new ManagedIdentityCredential(
      { maxRetries: 0, logger: createRecordingLogger(), ...options },
      { IDENTITY_ENDPOINT: `${server.authorityHost}/msi/token`, IDENTITY_HEADER: APP_SERVICE_SECRET },
    );
  }

  it('sends IDENTITY_HEADER as X-IDENTITY-HEADER with api-version 2019-08-01, and reads expires_on', async () => {
    const expiresOn = Math.floor(Date.now() / 1000) + 3_600;
    const server = await startServer((response) =>
      sendJson(response, 200, {
        access_token: 'app-service-token',
        expires_on: String(expiresOn),
        resource: RESOURCE,
        token_type: 'Bearer',
      }),
    );
    const credential = appService(server, { resourceId: RESOURCE_ID });
    expect(credential.source).toBe('App Service');
    const token = await credential.getToken();
    expect(token).toMatchObject({ token: 'app-service-token', expiresOnTimestamp: expiresOn * 1000 });
    const [request] = server.seen;
    expect(request?.path).toBe('/msi/token');
    expect(Object.fromEntries(request?.query ?? [])).toEqual({
      resource: RESOURCE,
      'api-version': '2019-08-01',
      mi_res_id: RESOURCE_ID,
    });
    expect(request?.headers['x-identity-header']).toBe(APP_SERVICE_SECRET);
  });

  it('reads App Service’s error answer, and never shows the header secret it echoes', async () => {
    const server = await startServer((response) =>
      sendJson(response, 400, {
        statusCode: 400,
        message: `No managed identity found for header ${APP_SERVICE_SECRET}`,
        correlationId: '7f1e3c2a-0000-4000-8000-000000000003',
      }),
    );
    const logger = createRecordingLogger();
    const credential = appService(server, { logger, logLevel: 'debug' });
    const error = await tokenRequestError(credential.getToken());
    expect(error.correlationId).toBe('7f1e3c2a-0000-4000-8000-000000000003');
    expect(error.errorDescription).toBe('No managed identity found for header [REDACTED]');
    const shown = [
      error.message,
      inspect(error, { depth: 8 }),
      JSON.stringify(error),
      inspect(credential),
      ...logger.lines,
    ];
    for (const text of shown) expect(text).not.toContain(APP_SERVICE_SECRET);
  });

  it('asks IMDS instead when imdsEndpoint is given', async () => {
    const server = await startServer((response) => imdsToken(response, 'imds-wins'));
    const credential = appService(
      { authorityHost: 'http://127.0.0.1:9' },
      { imdsEndpoint: server.authorityHost },
    );
    expect(credential.source).toBe('IMDS');
    await expect(credential.getToken()).resolves.toMatchObject({ token: 'imds-wins' });
  });
});

describe('ManagedIdentityCredential options', () => {
  it.each([
    [
      { clientId: USER_ASSIGNED, objectId: USER_ASSIGNED },
      'objectId',
      /at most one of clientId, objectId and resourceId/,
    ],
    [{ clientId: 'not-a-guid' }, 'clientId', /client ID of a user-assigned managed identity/],
    [{ objectId: 42 }, 'objectId', /object \(principal\) ID/],
    [{ resourceId: 'mmd-worker' }, 'resourceId', /Azure resource ID/],
    [{ imdsEndpoint: 'ftp://127.0.0.1' }, 'imdsEndpoint', /http or https URL/],
    [{ imdsEndpoint: 'http://127.0.0.1/?x=1' }, 'imdsEndpoint', /without credentials, query or fragment/],
    [
      { authorityHost: 'https://login.microsoftonline.com' },
      'options.authorityHost',
      /is not an option here/,
    ],
  ])('refuses %j at construction', (options, option, message) => {
    const error = configurationError(() => new ManagedIdentityCredential(options as never, {}));
    expect(error.option).toBe(option);
    expect(error.message).toMatch(message);
  });

  it('sends nothing until the first getToken, and shows identifiers only', () => {
    const credential = new ManagedIdentityCredential({ clientId: USER_ASSIGNED }, {});
    expect(inspect(credential)).toBe(
      `ManagedIdentityCredential {\n  source: 'IMDS',\n  endpoint: 'http://169.254.169.254',\n  identity: { clientId: '${USER_ASSIGNED}' }\n}`,
    );
    expect(JSON.parse(JSON.stringify(new ManagedIdentityCredential({}, {})))).toEqual({
      source: 'IMDS',
      endpoint: 'http://169.254.169.254',
      identity: 'system-assigned',
    });
  });
});
