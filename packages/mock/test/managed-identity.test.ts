import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startupBanner } from '../src/cli/startup-banner';
import { MOCK_TENANT_ID, type MockServer, MockTenantModel, startMockServer } from '../src/server';
import {
  appServiceRequest,
  ask,
  claimsOf,
  clientWithManagedIdentity,
  imdsRequest,
  MMD_RESOURCE,
} from './support/managed-identity-token';
import { SIGNING_KEY } from './support/signing-key';

const SYNC_CLIENT_ID = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const SYNC_OBJECT_ID = '1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b';
const REPORTS_RESOURCE_ID =
  '/subscriptions/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e/resourceGroups/identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/reports';

let server: MockServer;

beforeAll(async () => {
  server = await startMockServer({
    signingKey: SIGNING_KEY,
    deviceCount: 12,
    managedIdentity: {
      userAssigned: [
        { name: 'sync-identity', clientId: SYNC_CLIENT_ID, objectId: SYNC_OBJECT_ID },
        { name: 'reports', resourceId: REPORTS_RESOURCE_ID },
      ],
    },
  });
});
afterAll(() => server.close());

const imds = (extra?: Record<string, string>) => imdsRequest(server.managedIdentity.imdsTokenUrl, extra);
const appService = (extra?: Record<string, string>) =>
  appServiceRequest(server.managedIdentity.identityEndpoint, server.managedIdentity.identityHeader, extra);

describe('the local server as IMDS', () => {
  it('reports where the endpoints are and which identities they serve', () => {
    const { managedIdentity } = server;
    expect(managedIdentity.imdsEndpoint).toBe(server.url);
    expect(managedIdentity.imdsTokenUrl).toBe(`${server.url}/metadata/identity/oauth2/token`);
    expect(managedIdentity.identityEndpoint).toBe(`${server.url}/msi/token`);
    expect(managedIdentity.identityHeader).toMatch(/^[0-9a-f]{32}$/);
    expect(managedIdentity.tenantId).toBe(MOCK_TENANT_ID);
    expect(managedIdentity.systemAssigned?.clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(managedIdentity.userAssigned).toEqual([
      {
        name: 'sync-identity',
        clientId: SYNC_CLIENT_ID,
        objectId: SYNC_OBJECT_ID,
        resourceId: expect.stringMatching(
          /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/mmd-mock\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/sync-identity$/,
        ),
      },
      {
        name: 'reports',
        clientId: expect.any(String),
        objectId: expect.any(String),
        resourceId: REPORTS_RESOURCE_ID,
      },
    ]);
  });

  it('prints the endpoints and the App Service secret in the CLI banner, and only there', () => {
    const banner = startupBanner(server, undefined);
    const { imdsEndpoint, identityEndpoint, identityHeader, systemAssigned } = server.managedIdentity;
    expect(banner).toContain(`AZURE_POD_IDENTITY_AUTHORITY_HOST=${imdsEndpoint}`);
    expect(banner).toContain(`IDENTITY_ENDPOINT=${identityEndpoint}`);
    expect(banner).toContain(`IDENTITY_HEADER=${identityHeader}`);
    expect(banner).toContain(`system-assigned client ID ${systemAssigned?.clientId}`);
    expect(JSON.stringify(server.model.managedIdentity)).not.toContain(identityHeader);
  });

  it("answers the system-assigned identity's token in IMDS's shape, numbers as strings", async () => {
    const before = Math.floor(Date.now() / 1000);
    const { status, body, headers } = await ask(imds());
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^application\/json/);
    expect(Object.keys(body).sort()).toEqual([
      'access_token',
      'client_id',
      'expires_in',
      'expires_on',
      'ext_expires_in',
      'not_before',
      'resource',
      'token_type',
    ]);
    const system = server.managedIdentity.systemAssigned;
    expect(body).toMatchObject({
      client_id: system?.clientId,
      expires_in: '3599',
      ext_expires_in: '3599',
      resource: MMD_RESOURCE,
      token_type: 'Bearer',
    });
    const notBefore = Number(body.not_before);
    expect(notBefore).toBeGreaterThanOrEqual(before);
    expect(body.expires_on).toBe(String(notBefore + 3599));
    expect(claimsOf(body.access_token as string)).toMatchObject({
      aud: MMD_RESOURCE,
      iss: `https://sts.windows.net/${MOCK_TENANT_ID}/`,
      appid: system?.clientId,
      azp: system?.clientId,
      oid: system?.objectId,
      sub: system?.objectId,
      idtyp: 'app',
      tid: MOCK_TENANT_ID,
      roles: ['MmdSupport.ReadWrite'],
      nbf: notBefore,
      exp: notBefore + 3599,
    });
  });

  it.each([
    ['client_id', SYNC_CLIENT_ID.toUpperCase()],
    ['object_id', SYNC_OBJECT_ID],
    ['msi_res_id', 'sync-identity'],
    ['mi_res_id', 'sync-identity'],
  ])('issues a user-assigned identity its token when %s names it', async (parameter, value) => {
    const resourceId = server.managedIdentity.userAssigned[0]?.resourceId ?? '';
    const named = value === 'sync-identity' ? resourceId.toLowerCase() : value;
    const { status, body } = await ask(imds({ [parameter]: named }));
    expect(status).toBe(200);
    expect(body.client_id).toBe(SYNC_CLIENT_ID);
    expect(claimsOf(body.access_token as string)).toMatchObject({
      appid: SYNC_CLIENT_ID,
      azp: SYNC_CLIENT_ID,
      oid: SYNC_OBJECT_ID,
      xms_mirid: resourceId,
      idtyp: 'app',
    });
  });

  it('finds a user-assigned identity by the resource ID it was given', async () => {
    const { status, body } = await ask(imds({ msi_res_id: REPORTS_RESOURCE_ID }));
    expect(status).toBe(200);
    expect(body.client_id).toBe(server.managedIdentity.userAssigned[1]?.clientId);
  });

  it('answers each documented error as IMDS does', async () => {
    const invalid = (description: string) => ({ error: 'invalid_request', error_description: description });
    const missingHeader = invalid('Required metadata header not specified');
    expect(await ask(imds(), { headers: {} })).toMatchObject({ status: 400, body: missingHeader });
    expect(await ask(imds(), { headers: { metadata: 'True' } })).toMatchObject({
      status: 400,
      body: missingHeader,
    });
    const noVersion = await ask({
      ...imds(),
      url: `${server.managedIdentity.imdsTokenUrl}?resource=${MMD_RESOURCE}`,
    });
    expect(noVersion).toMatchObject({
      status: 400,
      body: {
        error:
          'Bad request. api-version was not specified in the request. For more information refer to aka.ms/azureimds',
        'newest-versions': expect.arrayContaining(['2021-12-13']),
      },
    });
    const oldVersion = await ask(imds({ 'api-version': '2017-12-01' }));
    expect(oldVersion.status).toBe(400);
    expect(oldVersion.body.error).toMatch(/^Bad request\. api-version is invalid\./);
    const noResource = await ask({
      ...imds(),
      url: `${server.managedIdentity.imdsTokenUrl}?api-version=2018-02-01`,
    });
    expect(noResource).toMatchObject({
      status: 400,
      body: invalid("Required query variable 'resource' is missing"),
    });
    const unknown = await ask(imds({ client_id: '00000000-0000-4000-8000-000000000000' }));
    expect(unknown).toMatchObject({ status: 400, body: invalid('Identity not found') });
    expect(unknown.body).toEqual({ error: 'invalid_request', error_description: 'Identity not found' });
    const post = await ask(imds(), { method: 'POST', headers: { metadata: 'true' } });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
    const two = await ask(imds({ client_id: SYNC_CLIENT_ID, object_id: SYNC_OBJECT_ID }));
    expect(two.status).toBe(400);
    const twice = await ask({ ...imds(), url: `${imds().url}&resource=${MMD_RESOURCE}` });
    expect(twice.status).toBe(400);
    const proxied = await ask(imds(), { headers: { metadata: 'true', 'x-forwarded-for': '10.0.0.1' } });
    expect(proxied.status).toBe(400);
    const foreign = await ask(imds({ resource: 'https://vault.azure.net' }));
    expect(foreign).toMatchObject({ status: 400, body: { error: 'invalid_resource' } });
    expect(foreign.body.error_description).toMatch(/^AADSTS500011: /);
  });

  it('gives a token that lists devices through @mmd-sdk/mmd-api', async () => {
    const before = server.model.stats.managedIdentityRequests;
    const mmd = clientWithManagedIdentity(
      imds({ client_id: SYNC_CLIENT_ID }),
      MOCK_TENANT_ID,
      server.baseUrl,
    );
    const { value } = await mmd.listDevices();
    expect(value).toHaveLength(12);
    expect(server.model.stats.managedIdentityRequests).toBe(before + 1);
  });
});

describe('the local server as App Service', () => {
  it("answers the token in App Service's shape, expires_on in epoch seconds", async () => {
    const { status, body } = await ask(appService());
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual([
      'access_token',
      'client_id',
      'expires_on',
      'resource',
      'token_type',
    ]);
    expect(body).toMatchObject({
      client_id: server.managedIdentity.systemAssigned?.clientId,
      resource: MMD_RESOURCE,
      token_type: 'Bearer',
    });
    expect(body.expires_on).toBe(String(claimsOf(body.access_token as string).exp));
  });

  it.each([
    ['client_id', SYNC_CLIENT_ID],
    ['principal_id', SYNC_OBJECT_ID],
    ['object_id', SYNC_OBJECT_ID],
  ])('issues a user-assigned identity its token when %s names it', async (parameter, value) => {
    const { status, body } = await ask(appService({ [parameter]: value }));
    expect(status).toBe(200);
    expect(claimsOf(body.access_token as string)).toMatchObject({
      appid: SYNC_CLIENT_ID,
      oid: SYNC_OBJECT_ID,
    });
    const byResource = await ask(appService({ mi_res_id: REPORTS_RESOURCE_ID }));
    expect(byResource.body.client_id).toBe(server.managedIdentity.userAssigned[1]?.clientId);
  });

  it('requires X-IDENTITY-HEADER with the secret, never echoing it', async () => {
    const secret = server.managedIdentity.identityHeader;
    const attempts: Record<string, string>[] = [
      {},
      { 'x-identity-header': 'wrong' },
      { 'x-identity-header': `${secret}x` },
      { metadata: 'true' },
    ];
    for (const headers of attempts) {
      const refused = await ask(appService(), { headers });
      expect(refused.status).toBe(401);
      expect(refused.body).toEqual({
        statusCode: 401,
        message: expect.any(String),
        correlationId: expect.any(String),
      });
      expect(JSON.stringify(refused.body)).not.toContain(secret);
    }
    // The IMDS path takes no App Service secret, and App Service's no Metadata header.
    expect((await ask(imds(), { headers: { 'x-identity-header': secret } })).status).toBe(400);
  });

  it('answers its errors in its shape', async () => {
    const unknown = await ask(appService({ principal_id: '00000000-0000-4000-8000-000000000000' }));
    expect(unknown).toMatchObject({
      status: 400,
      body: { statusCode: 400, message: 'Unable to load the proper Managed Identity.' },
    });
    expect((await ask(appService({ 'api-version': '2017-09-01' }))).status).toBe(400);
    expect((await ask(appService({ resource: '' }))).status).toBe(400);
    expect(
      (await ask(appService({ client_id: SYNC_CLIENT_ID, mi_res_id: REPORTS_RESOURCE_ID }))).status,
    ).toBe(400);
    const post = await ask(appService(), { method: 'DELETE', headers: appService().headers });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
  });

  it('gives a token that lists devices, with IDENTITY_ENDPOINT and IDENTITY_HEADER as App Service sets them', async () => {
    const { identityEndpoint, identityHeader } = server.managedIdentity;
    const mmd = clientWithManagedIdentity(
      appServiceRequest(identityEndpoint, identityHeader),
      MOCK_TENANT_ID,
      server.baseUrl,
    );
    expect((await mmd.listDevices()).value).toHaveLength(12);
  });
});

describe('managed identity faults and identities', () => {
  it('answers 429 with Retry-After, then 500, a given number of times first', async () => {
    server.model.managedIdentityFailures = { status: 429, count: 2, retryAfterSeconds: 3 };
    const first = await ask(imds());
    expect(first).toMatchObject({
      status: 429,
      body: { error: expect.any(String), error_description: expect.any(String) },
    });
    expect(first.headers.get('retry-after')).toBe('3');
    expect(server.model.managedIdentityFailures).toEqual({ status: 429, count: 1, retryAfterSeconds: 3 });
    const second = await ask(appService());
    expect(second).toMatchObject({ status: 429, body: { statusCode: 429 } });
    expect((await ask(imds())).status).toBe(200);
    server.model.managedIdentityFailures = { status: 410, count: 1 };
    const gone = await ask(imds());
    expect(gone.status).toBe(410);
    expect(gone.headers.get('retry-after')).toBeNull();
    expect((await ask(imds())).status).toBe(200);
    server.model.managedIdentityFailures = undefined;
  });

  it('answers Identity not found for a resource without a system-assigned identity', async () => {
    const bare = await startMockServer({
      signingKey: SIGNING_KEY,
      managedIdentity: { systemAssigned: false },
    });
    try {
      expect(bare.managedIdentity.systemAssigned).toBeUndefined();
      expect(bare.managedIdentity.identityHeader).not.toBe(server.managedIdentity.identityHeader);
      const refused = await ask(imdsRequest(bare.managedIdentity.imdsTokenUrl));
      expect(refused).toMatchObject({ status: 400, body: { error_description: 'Identity not found' } });
      const appRefused = await ask(
        appServiceRequest(bare.managedIdentity.identityEndpoint, bare.managedIdentity.identityHeader),
      );
      expect(appRefused.status).toBe(400);
    } finally {
      await bare.close();
    }
  });

  it('keeps derived identity IDs stable from start to start', () => {
    const options = { managedIdentity: { userAssigned: [{ name: 'reports' }] } };
    const first = new MockTenantModel(options).managedIdentity;
    expect(new MockTenantModel(options).managedIdentity).toEqual(first);
    expect(first.systemAssigned).toEqual(server.managedIdentity.systemAssigned);
    // The server's `reports` was given only a resource ID: its client ID is derived from its name too.
    expect(first.userAssigned[0]?.clientId).toBe(server.managedIdentity.userAssigned[1]?.clientId);
  });
});
