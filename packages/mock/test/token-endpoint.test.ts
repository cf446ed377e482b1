import {
  ClientCertificateCredential,
  ClientSecretCredential,
  MMD_SCOPE,
  TokenRequestError,
} from '@mmd-sdk/mmd-auth';
import { describe, expect, it } from 'vitest';
import {
  createTestCertificate,
  MOCK_CLIENT_ID,
  MOCK_CLIENT_SECRET,
  MOCK_TENANT_DOMAIN,
  MOCK_TENANT_ID,
} from '../src/index';
import { defaultTenantWith } from './support/default-tenant';
import { useMockTenant } from './support/msw-tenant';
import { SIGNING_KEY } from './support/signing-key';

const OTHER_CLIENT_ID = '55555555-5555-4555-8555-555555555555';
const OTHER_TENANT_ID = '66666666-6666-4666-8666-666666666666';
// Both certificates certify the file's one signing key: they still differ in serial and thumbprint.
const certificate = createTestCertificate({ privateKey: SIGNING_KEY });
const other = createTestCertificate({ privateKey: SIGNING_KEY, commonName: 'another certificate' });
const { tenant } = useMockTenant({
  tenants: [
    defaultTenantWith(
      { certificates: [certificate.certificatePem], displayName: 'sync-app' },
      {
        clientId: '11111111-1111-4111-8111-111111111111',
        clientSecret: 'old-secret-value-1234',
        secretExpired: true,
      },
      {
        clientId: '22222222-2222-4222-8222-222222222222',
        clientSecret: 'no-consent-secret-1234',
        consentGranted: false,
      },
      { clientId: OTHER_CLIENT_ID, clientSecret: 'other-app-secret-1234' },
    ),
    {
      tenantId: OTHER_TENANT_ID,
      domain: 'fabrikam.onmicrosoft.com',
      apps: [{ clientId: MOCK_CLIENT_ID, clientSecret: MOCK_CLIENT_SECRET }],
    },
  ],
});

function secretCredential(overrides: { tenantId?: string; clientId?: string; clientSecret?: string } = {}) {
  return new ClientSecretCredential({
    tenantId: MOCK_TENANT_ID,
    clientId: MOCK_CLIENT_ID,
    clientSecret: MOCK_CLIENT_SECRET,
    logger: {},
    ...overrides,
  });
}

async function tokenError(promise: Promise<unknown>): Promise<TokenRequestError> {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(TokenRequestError);
  return error as TokenRequestError;
}

function claims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<
    string,
    unknown
  >;
}

describe('the mock token endpoint', () => {
  it('issues a JWT for the MMD API to a registered secret, with expires_in as a string', async () => {
    const response = await fetch(`https://login.microsoftonline.com/${MOCK_TENANT_ID}/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: MOCK_CLIENT_ID,
        client_secret: MOCK_CLIENT_SECRET,
        scope: MMD_SCOPE,
        grant_type: 'client_credentials',
      }),
    });
    const body = (await response.json()) as Record<string, string>;
    expect(response.status).toBe(200);
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBe('3599');
    expect(claims(body.access_token ?? '')).toMatchObject({
      aud: 'https://mwaas-services-customerapi-prod.azurewebsites.net',
      tid: MOCK_TENANT_ID,
      appid: MOCK_CLIENT_ID,
      roles: ['MmdSupport.ReadWrite'],
    });
    expect(tenant().model.stats.tokenRequests).toBe(1);
  });

  it("carries the app's service-principal object ID as oid and sub, stable per app and tenant", async () => {
    const oidOf = async (overrides: Parameters<typeof secretCredential>[0] = {}) => {
      const payload = claims((await secretCredential(overrides).getToken()).token);
      expect(payload.sub).toBe(payload.oid);
      return payload.oid;
    };
    const oid = await oidOf();
    expect(oid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(oid).not.toBe(MOCK_CLIENT_ID);
    expect(await oidOf()).toBe(oid);
    const byCertificate = await new ClientCertificateCredential({
      tenantId: MOCK_TENANT_ID,
      clientId: MOCK_CLIENT_ID,
      certificate: certificate.pem,
    }).getToken();
    expect(claims(byCertificate.token)).toMatchObject({ oid, sub: oid, appid: MOCK_CLIENT_ID });
    const otherApp = await oidOf({ clientId: OTHER_CLIENT_ID, clientSecret: 'other-app-secret-1234' });
    const otherTenant = await oidOf({ tenantId: OTHER_TENANT_ID });
    expect(new Set([oid, otherApp, otherTenant]).size).toBe(3);
  });

  it('accepts the tenant domain in place of its ID', async () => {
    const token = await secretCredential({ tenantId: MOCK_TENANT_DOMAIN }).getToken();
    expect(claims(token.token).tid).toBe(MOCK_TENANT_ID);
  });

  it.each([
    [{ clientSecret: 'wrong-secret-value' }, 401, 7000215],
    [{ clientId: '33333333-3333-4333-8333-333333333333' }, 400, 700016],
    [{ tenantId: '44444444-4444-4444-8444-444444444444' }, 400, 90002],
    [
      { clientId: '11111111-1111-4111-8111-111111111111', clientSecret: 'old-secret-value-1234' },
      401,
      7000222,
    ],
    [
      { clientId: '22222222-2222-4222-8222-222222222222', clientSecret: 'no-consent-secret-1234' },
      400,
      65001,
    ],
  ])('answers %j with Entra’s error shape (%i, AADSTS%i)', async (overrides, status, code) => {
    const error = await tokenError(secretCredential(overrides).getToken());
    expect(error.status).toBe(status);
    expect(error.errorCodes).toEqual([code]);
    expect(error.traceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.hint).toBeDefined();
  });

  it('refuses a scope for another resource', async () => {
    const error = await tokenError(secretCredential().getToken('https://graph.microsoft.com/.default'));
    expect(error.errorCodes).toEqual([500011]);
  });

  it('accepts a certificate assertion signed with a registered certificate', async () => {
    const credential = new ClientCertificateCredential({
      tenantId: MOCK_TENANT_ID,
      clientId: MOCK_CLIENT_ID,
      certificate: certificate.pem,
    });
    const token = await credential.getToken();
    expect(claims(token.token)).toMatchObject({ appid: MOCK_CLIENT_ID, appidacr: '2' });
  });

  it('refuses an assertion signed with a certificate the app does not know (AADSTS700027)', async () => {
    const credential = new ClientCertificateCredential({
      tenantId: MOCK_TENANT_ID,
      clientId: MOCK_CLIENT_ID,
      certificate: other.pem,
      logger: {},
    });
    const error = await tokenError(credential.getToken());
    expect(error.errorCodes).toEqual([700027]);
  });

  it('refuses an assertion for another audience or past its expiry', async () => {
    const now = Math.floor(Date.now() / 1000);
    const { createPrivateKey, sign, constants } = await import('node:crypto');
    const key = createPrivateKey(certificate.privateKeyPem);
    const assertion = (payload: Record<string, unknown>) => {
      const header = Buffer.from(
        JSON.stringify({ alg: 'PS256', typ: 'JWT', 'x5t#S256': certificate.thumbprintSha256 }),
      ).toString('base64url');
      const body = Buffer.from(
        JSON.stringify({ iss: MOCK_CLIENT_ID, sub: MOCK_CLIENT_ID, jti: 'x', nbf: now, ...payload }),
      ).toString('base64url');
      const signature = sign('sha256', Buffer.from(`${header}.${body}`), {
        key,
        padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: 32,
      });
      return `${header}.${body}.${signature.toString('base64url')}`;
    };
    const tokenUrl = `https://login.microsoftonline.com/${MOCK_TENANT_ID}/oauth2/v2.0/token`;
    const post = (client_assertion: string) =>
      fetch(tokenUrl, {
        method: 'POST',
        body: new URLSearchParams({
          client_id: MOCK_CLIENT_ID,
          scope: MMD_SCOPE,
          grant_type: 'client_credentials',
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion,
        }),
      }).then(async (response) => ({
        status: response.status,
        body: (await response.json()) as { error_codes?: number[] },
      }));
    expect((await post(assertion({ aud: tokenUrl, exp: now + 600 }))).status).toBe(200);
    expect(
      (await post(assertion({ aud: 'https://elsewhere.example/token', exp: now + 600 }))).body.error_codes,
    ).toEqual([700024]);
    expect((await post(assertion({ aud: tokenUrl, exp: now - 3600 }))).body.error_codes).toEqual([700024]);
  });

  it('publishes the OpenID configuration and instance discovery @azure/identity reads', async () => {
    const configuration = (await (
      await fetch(`https://login.microsoftonline.com/${MOCK_TENANT_ID}/v2.0/.well-known/openid-configuration`)
    ).json()) as Record<string, string>;
    expect(configuration.token_endpoint).toBe(
      `https://login.microsoftonline.com/${MOCK_TENANT_ID}/oauth2/v2.0/token`,
    );
    const discovery = await fetch(
      'https://login.microsoftonline.com/common/discovery/instance?api-version=1.1',
    );
    expect(discovery.status).toBe(200);
    const keys = (await (
      await fetch(`https://login.microsoftonline.com/${MOCK_TENANT_ID}/discovery/v2.0/keys`)
    ).json()) as { keys: unknown[] };
    expect(keys.keys).toHaveLength(1);
  });
});
