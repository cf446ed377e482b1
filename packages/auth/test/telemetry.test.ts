import { randomUUID } from 'node:crypto';
import { trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import {
  ClientAssertionCredential,
  ClientSecretCredential,
  type ClientSecretCredentialOptions,
  ManagedIdentityCredential,
  TokenRequestError,
} from '../src/index';
import { entraError, inTurn, tokenResponse, unavailable } from './support/answers';
import { ENCRYPTION_KEY } from './support/encryption-keys';
import { imdsToken, useTokenAndIdentityEndpoints } from './support/identity-endpoint';
import { createMemoryTokenStore } from './support/memory-token-store';
import { useOpenTelemetrySdk } from './support/open-telemetry-sdk';
import { CLIENT_SECRET, IDENTITY, SECRET_OPTIONS, TENANT_ID } from './support/token-endpoint';

// Against the real OpenTelemetry SDK, registered for this file.
const { serve, startIdentityServer } = useTokenAndIdentityEndpoints();
const telemetry = useOpenTelemetrySdk();
const ASSERTION = 'eyJhbGciOiJQUzI1NiJ9.eyJzdWIiOiJ0ZWxlbWV0cnkifQ.YXNzZXJ0aW9uLXNpZ25hdHVyZQ';

function tokenSpans() {
  return telemetry.spans('mmd.auth.getToken');
}

/** A credential of its own app (client ID), so that its metric points are its own. */
function credentialOfItsOwn(options: Partial<ClientSecretCredentialOptions> = {}) {
  const clientId = randomUUID();
  return {
    clientId,
    credential: new ClientSecretCredential({ ...SECRET_OPTIONS, clientId, maxRetryDelay: 0, ...options }),
  };
}

/** The points of each metric that belong to the app `clientId`. */
async function collectedPoints(clientId: string) {
  const points = await telemetry.collect();
  for (const [name, list] of points) {
    points.set(
      name,
      list.filter((point) => point.attributes['mmd.auth.client_id'] === clientId),
    );
  }
  return points;
}

describe('token telemetry', () => {
  it('makes one span per token request, not per cached call, with identifiers only', async () => {
    const endpoint = serve();
    const { clientId, credential } = credentialOfItsOwn();
    for (let call = 0; call < 3; call++) await credential.getToken();
    const [span, ...others] = tokenSpans();
    expect(others).toEqual([]);
    expect(span?.kind).toBe(2); // SpanKind.CLIENT
    expect(span?.attributes).toEqual({
      'mmd.auth.credential': 'ClientSecretCredential',
      'mmd.auth.tenant_id': TENANT_ID,
      'mmd.auth.client_id': clientId,
      'server.address': 'login.microsoftonline.com',
      'mmd.auth.client_request_id': endpoint.requests[0]?.headers.get('client-request-id'),
      'mmd.auth.cache_hit': 'none',
      'mmd.auth.retry_count': 0,
    });
    expect(span?.status.code).toBe(0); // UNSET
  });

  it('sends one client-request-id with every attempt of a request, and counts the retries', async () => {
    const endpoint = serve(
      inTurn(
        () => unavailable(),
        () => unavailable(),
        () => tokenResponse('third-time'),
      ),
    );
    await credentialOfItsOwn().credential.getToken();
    const ids = endpoint.requests.map((request) => request.headers.get('client-request-id'));
    expect(new Set(ids).size).toBe(1);
    expect(
      endpoint.requests.every((request) => request.headers.get('return-client-request-id') === 'true'),
    ).toBe(true);
    expect(tokenSpans()[0]?.attributes).toMatchObject({
      'mmd.auth.client_request_id': ids[0],
      'mmd.auth.retry_count': 2,
    });
  });

  it('records a failure on the span and in the request counter, with the error’s client-request-id', async () => {
    const endpoint = serve(() =>
      entraError(401, 'invalid_client', 7000215, 'Invalid client secret provided.'),
    );
    const { clientId, credential } = credentialOfItsOwn();
    const error = await credential.getToken().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TokenRequestError);
    const [span] = tokenSpans();
    expect(span?.status.code).toBe(2); // ERROR
    expect(span?.attributes).toMatchObject({
      'error.type': 'TokenRequestError',
      'http.response.status_code': 401,
      'mmd.auth.cache_hit': 'none',
    });
    const id = endpoint.requests[0]?.headers.get('client-request-id');
    expect((error as TokenRequestError).clientRequestId).toBe(id);
    expect(span?.attributes['mmd.auth.client_request_id']).toBe(id);
    const requests = (await collectedPoints(clientId)).get('mmd.auth.token.requests');
    expect(requests).toEqual([
      {
        attributes: {
          'mmd.auth.credential': 'ClientSecretCredential',
          'mmd.auth.tenant_id': TENANT_ID,
          'mmd.auth.client_id': clientId,
          'error.type': 'TokenRequestError',
        },
        value: 1,
      },
    ]);
  });

  it('counts requests, hits by layer, and the time to expiry', async () => {
    serve(() => tokenResponse('measured', '3600'));
    const clientId = randomUUID();
    const cache = { store: createMemoryTokenStore(), encryptionKey: ENCRYPTION_KEY };
    // Two "processes" of one app sharing a store: the second takes the first one's token.
    const first = new ClientSecretCredential({ ...SECRET_OPTIONS, clientId, cache });
    await first.getToken();
    for (let call = 0; call < 5; call++) await first.getToken();
    const second = new ClientAssertionCredential({
      ...IDENTITY,
      clientId,
      cache,
      getAssertion: () => ASSERTION,
    });
    await second.getToken();
    expect(tokenSpans().map((span) => span.attributes['mmd.auth.cache_hit'])).toEqual(['none', 'store']);
    const points = await collectedPoints(clientId);
    const byCredential = (name: string) =>
      (points.get(name) ?? []).map(({ attributes, value }) => [
        attributes['mmd.auth.credential'],
        attributes['mmd.auth.cache_hit'] ?? '-',
        value,
      ]);
    expect(byCredential('mmd.auth.token.requests')).toEqual([['ClientSecretCredential', '-', 1]]);
    expect(byCredential('mmd.auth.token.cache_hits')).toEqual([
      ['ClientSecretCredential', 'memory', 5],
      ['ClientSecretCredential', 'store', 0],
      ['ClientAssertionCredential', 'memory', 0],
      ['ClientAssertionCredential', 'store', 1],
    ]);
    for (const [, , seconds] of byCredential('mmd.auth.token.time_to_expiry')) {
      expect(seconds).toBeGreaterThan(3_500);
      expect(seconds).toBeLessThanOrEqual(3_600);
    }
    expect(byCredential('mmd.auth.token.time_to_expiry')).toHaveLength(2);
  });

  it('nests the span under the caller’s active span', async () => {
    serve();
    const { credential } = credentialOfItsOwn();
    const tracer = trace.getTracer('caller');
    await tracer.startActiveSpan('caller', async (parent) => {
      await credential.getToken();
      parent.end();
    });
    const [parent] = telemetry.spans('caller');
    expect(tokenSpans()[0]?.parentSpanContext?.spanId).toBe(parent?.spanContext().spanId);
  });

  it('names a managed identity’s endpoint host and identity, with no tenant', async () => {
    const server = await startIdentityServer((response) => imdsToken(response, 'mi-token'));
    const clientId = randomUUID();
    await new ManagedIdentityCredential({ clientId, imdsEndpoint: server.authorityHost }, {}).getToken();
    expect(tokenSpans()[0]?.attributes).toEqual({
      'mmd.auth.credential': 'ManagedIdentityCredential',
      'mmd.auth.client_id': clientId,
      'server.address': '127.0.0.1',
      'mmd.auth.client_request_id': server.seen[0]?.headers['client-request-id'],
      'mmd.auth.cache_hit': 'none',
      'mmd.auth.retry_count': 0,
    });
  });

  it('exports no token, secret, assertion, key or query string in any span or metric', async () => {
    const endpoint = serve(
      inTurn(
        () => unavailable(),
        () => tokenResponse('exported-token-value'),
      ),
    );
    const server = await startIdentityServer((response) => imdsToken(response, 'exported-mi-token-value'));
    const store = createMemoryTokenStore();
    const cache = { store, encryptionKey: ENCRYPTION_KEY };
    const { credential } = credentialOfItsOwn({ cache });
    await credential.getToken();
    await new ClientAssertionCredential({
      ...IDENTITY,
      clientId: randomUUID(),
      getAssertion: () => ASSERTION,
    }).getToken();
    await new ManagedIdentityCredential({ imdsEndpoint: server.authorityHost }, {}).getToken();
    const exported = await telemetry.exported();
    expect(exported).toContain('mmd.auth.getToken');
    expect(endpoint.requests.length).toBeGreaterThan(1);
    for (const secret of [
      'exported-token-value',
      'exported-mi-token-value',
      CLIENT_SECRET,
      ASSERTION,
      ENCRYPTION_KEY,
      'api-version',
      'resource=',
      '?',
    ]) {
      expect(exported).not.toContain(secret);
    }
  });
});
