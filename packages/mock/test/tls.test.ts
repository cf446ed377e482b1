import { X509Certificate } from 'node:crypto';
import { ConfidentialClientApplication, type Configuration } from '@azure/msal-node';
import { createMmdClient } from '@mmd-sdk/mmd-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalTls } from '../src/certificates/create-local-tls';
import {
  createTestCertificate,
  MOCK_CLIENT_ID,
  MOCK_CLIENT_SECRET,
  MOCK_TENANT_ID,
  MockConfigurationError,
  type MockServer,
  startMockServer,
} from '../src/index';
import { defaultTenantWith } from './support/default-tenant';
import { httpsFetch, httpsRequest, msalNetworkClient } from './support/https-client';
import { SIGNING_KEY } from './support/signing-key';
import { MMD_SCOPE } from './support/token-request';

// The app signs its client assertions with this certificate, which certifies the file's signing key.
const clientCertificate = createTestCertificate({ privateKey: SIGNING_KEY });
let server: MockServer;
let caPem: string;

beforeAll(async () => {
  server = await startMockServer({
    seed: 4,
    deviceCount: 12,
    signingKey: SIGNING_KEY,
    tls: true,
    tenants: [defaultTenantWith({ certificates: [clientCertificate.certificatePem] })],
  });
  if (!server.tls) throw new Error('the server reports no certificates although tls is on');
  caPem = server.tls.caPem;
});
afterAll(() => server.close());

async function getJson(url: string, init: { headers?: Record<string, string>; servername?: string } = {}) {
  const answer = await httpsRequest(url, { ...init, ca: caPem });
  return { status: answer.status, body: JSON.parse(answer.body.toString('utf8')) as Record<string, unknown> };
}

/** Every string in a JSON document that looks like a URL. */
function urlsIn(document: Record<string, unknown>): string[] {
  return Object.values(document)
    .flatMap((value) => (Array.isArray(value) ? value : [value]))
    .filter((value): value is string => typeof value === 'string' && /^[a-z]+:\/\//i.test(value));
}

/**
 * A confidential client of MSAL Node 7 pointed at the mock: the authority is the mock's origin and
 * tenant; `knownAuthorities` names the mock's host, so MSAL trusts it without asking
 * login.microsoftonline.com for instance discovery; `networkClient` trusts the mock's certificate.
 */
function msalClient(auth: Pick<Configuration['auth'], 'clientSecret' | 'clientCertificate'>) {
  return new ConfidentialClientApplication({
    auth: {
      clientId: MOCK_CLIENT_ID,
      authority: `${server.url}/${MOCK_TENANT_ID}`,
      knownAuthorities: [new URL(server.url).host],
      ...auth,
    },
    system: { networkClient: msalNetworkClient(caPem) },
  });
}

function claims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

/** Lists the devices over https with `token`, through the SDK. */
async function listDevices(token: string) {
  const mmd = createMmdClient({
    tenantId: MOCK_TENANT_ID,
    baseUrl: server.baseUrl,
    getToken: async () => token,
    fetch: httpsFetch(caPem),
    logLevel: 'off',
  });
  return (await mmd.listDevices()).value;
}

describe('the mock server over https', () => {
  it('reports https URLs and a certificate for the loopback names that its CA verifies', () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(server.baseUrl).toBe(`${server.url}/support/odata/v1`);
    const ca = new X509Certificate(caPem);
    const certificate = new X509Certificate(server.tls?.certificatePem ?? '');
    expect(ca.ca).toBe(true);
    expect(certificate.ca).toBe(false);
    expect(certificate.verify(ca.publicKey)).toBe(true);
    expect(certificate.checkIssued(ca)).toBe(true);
    expect(certificate.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(certificate.checkIP('::1')).toBe('::1');
    expect(certificate.checkHost('localhost')).toBe('localhost');
    expect(certificate.keyUsage).toContain('1.3.6.1.5.5.7.3.1');
  });

  it('advertises only https URLs on its own origin in the OpenID configuration and instance discovery', async () => {
    const configuration = await getJson(
      `${server.url}/${MOCK_TENANT_ID}/v2.0/.well-known/openid-configuration`,
    );
    expect(configuration.status).toBe(200);
    expect(configuration.body).toMatchObject({
      issuer: `${server.url}/${MOCK_TENANT_ID}/v2.0`,
      token_endpoint: `${server.url}/${MOCK_TENANT_ID}/oauth2/v2.0/token`,
      jwks_uri: `${server.url}/${MOCK_TENANT_ID}/discovery/v2.0/keys`,
    });
    const discovery = await getJson(`${server.url}/common/discovery/instance?api-version=1.1`);
    expect(discovery.body.tenant_discovery_endpoint).toBe(
      `${server.url}/{tenant}/v2.0/.well-known/openid-configuration`,
    );
    const own = [...urlsIn(configuration.body), ...urlsIn(discovery.body)].filter(
      (url) => new URL(url).port === new URL(server.url).port,
    );
    expect(own.length).toBeGreaterThanOrEqual(9);
    for (const url of own) expect(url.startsWith(`${server.url}/`)).toBe(true);
    expect(urlsIn(configuration.body).filter((url) => url.startsWith('http:'))).toEqual([]);
  });

  it('advertises the host the client named, so that localhost works as the authority too', async () => {
    const port = new URL(server.url).port;
    const configuration = await getJson(
      `${server.url}/${MOCK_TENANT_ID}/v2.0/.well-known/openid-configuration`,
      {
        headers: { host: `localhost:${port}` },
        servername: 'localhost',
      },
    );
    expect(configuration.body.issuer).toBe(`https://localhost:${port}/${MOCK_TENANT_ID}/v2.0`);
  });

  it('refuses plain http on its port, and a client that does not trust its certificate', async () => {
    const plain = server.url.replace(/^https:/, 'http:');
    await expect(fetch(`${plain}/${MOCK_TENANT_ID}/discovery/v2.0/keys`)).rejects.toThrow(TypeError);
    const untrusting = await fetch(`${server.url}/${MOCK_TENANT_ID}/discovery/v2.0/keys`).catch(
      (error: unknown) => error,
    );
    expect(untrusting).toBeInstanceOf(TypeError);
    expect(String((untrusting as TypeError).cause)).toMatch(/certificate/i);
    expect(server.model.stats).toEqual(expect.objectContaining({ tokenRequests: 0 }));
  });

  it('gives MSAL Node a token for a client secret, which lists devices over https', async () => {
    const result = await msalClient({ clientSecret: MOCK_CLIENT_SECRET }).acquireTokenByClientCredential({
      scopes: [MMD_SCOPE],
    });
    expect(result?.tokenType).toBe('Bearer');
    expect(claims(result?.accessToken ?? '')).toMatchObject({ appid: MOCK_CLIENT_ID, appidacr: '1' });
    const devices = await listDevices(result?.accessToken ?? '');
    expect(devices).toHaveLength(12);
  });

  it('gives MSAL Node a token for a certificate (thumbprintSha256, privateKey, x5c), which lists devices', async () => {
    const thumbprintSha256 = new X509Certificate(clientCertificate.certificatePem).fingerprint256.replaceAll(
      ':',
      '',
    );
    const result = await msalClient({
      clientCertificate: {
        thumbprintSha256,
        privateKey: clientCertificate.privateKeyPem,
        x5c: clientCertificate.certificatePem,
      },
    }).acquireTokenByClientCredential({ scopes: [MMD_SCOPE] });
    expect(claims(result?.accessToken ?? '')).toMatchObject({ appid: MOCK_CLIENT_ID, appidacr: '2' });
    const devices = await listDevices(result?.accessToken ?? '');
    expect(devices.map((device) => device.serialNumber)).toEqual(
      server.model.tenants[0]?.devices.map((device) => device.serialNumber),
    );
  });
});

describe('a certificate of your own', () => {
  // A certificate authority and a server certificate for 127.0.0.1 only, as a caller would bring them.
  const own = createLocalTls(['127.0.0.1']);

  it('serves it and reports its ca as the one to trust', async () => {
    const mine = await startMockServer({
      signingKey: SIGNING_KEY,
      tls: { key: Buffer.from(own.privateKeyPem), cert: own.certificatePem, ca: own.caPem },
    });
    try {
      expect(mine.tls).toEqual({ caPem: own.caPem, certificatePem: own.certificatePem });
      const keys = await httpsRequest(`${mine.url}/${MOCK_TENANT_ID}/discovery/v2.0/keys`, { ca: own.caPem });
      expect(keys.status).toBe(200);
    } finally {
      await mine.close();
    }
  });

  it('refuses a key that is not the certificate’s, without quoting either', async () => {
    const other = createLocalTls(['127.0.0.1']);
    const error = await startMockServer({
      tls: { key: other.privateKeyPem, cert: own.certificatePem },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MockConfigurationError);
    expect((error as MockConfigurationError).option).toBe('tls.key');
    expect((error as Error).message).toBe(
      'tls.key is not the private key of tls.cert; pass the key the certificate was issued for.',
    );
    expect((error as Error).message).not.toMatch(/BEGIN|PRIVATE/);
  });
});
