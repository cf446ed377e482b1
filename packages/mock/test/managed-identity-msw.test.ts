import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeRefusedConnections } from '../../../scripts/test-setup/loopback-only';
import {
  createMockTenant,
  MOCK_TENANT_ID,
  MockConfigurationError,
  MockTenantModel,
  startMockServer,
} from '../src/index';
import {
  appServiceRequest,
  ask,
  claimsOf,
  clientWithManagedIdentity,
  imdsRequest,
} from './support/managed-identity-token';
import { SIGNING_KEY } from './support/signing-key';

const IMDS_TOKEN_URL = 'http://169.254.169.254/metadata/identity/oauth2/token';
const tenant = createMockTenant({
  signingKey: SIGNING_KEY,
  deviceCount: 7,
  managedIdentity: { userAssigned: [{ name: 'sync-identity' }], failFirst: { status: 500, count: 1 } },
});
const server = setupServer(...tenant.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => {
  server.close();
  // msw answered every request before a socket existed: the loopback guard saw no attempt at IMDS.
  expect(takeRefusedConnections()).toEqual([]);
});

describe('the MSW handlers as IMDS and App Service', () => {
  it('answer IMDS on 169.254.169.254 without a packet leaving, after the injected failure', async () => {
    expect(tenant.managedIdentity.imdsTokenUrl).toBe(IMDS_TOKEN_URL);
    const failed = await ask(imdsRequest(IMDS_TOKEN_URL));
    expect(failed).toMatchObject({ status: 500, body: { error: 'unknown' } });
    const { status, body } = await ask(imdsRequest(IMDS_TOKEN_URL));
    expect(status).toBe(200);
    expect(body.client_id).toBe(tenant.managedIdentity.systemAssigned?.clientId);
    expect(tenant.model.stats.managedIdentityRequests).toBe(2);
  });

  it('list devices through @mmd-sdk/mmd-api with a user-assigned identity from IMDS', async () => {
    const identity = tenant.managedIdentity.userAssigned[0];
    const mmd = clientWithManagedIdentity(
      imdsRequest(IMDS_TOKEN_URL, { client_id: identity?.clientId ?? '' }),
      MOCK_TENANT_ID,
    );
    expect((await mmd.listDevices()).value).toHaveLength(7);
  });

  it('answer App Service on identityEndpoint, with the secret required', async () => {
    const { identityEndpoint, identityHeader, userAssigned } = tenant.managedIdentity;
    expect(identityEndpoint).toBe('http://127.0.0.1:41564/msi/token');
    const request = appServiceRequest(identityEndpoint, identityHeader, {
      mi_res_id: userAssigned[0]?.resourceId ?? '',
    });
    const { status, body } = await ask(request);
    expect(status).toBe(200);
    expect(claimsOf(body.access_token as string).oid).toBe(userAssigned[0]?.objectId);
    expect((await ask(request, { headers: {} })).status).toBe(401);
    const mmd = clientWithManagedIdentity(request, MOCK_TENANT_ID);
    expect((await mmd.listDevices()).value).toHaveLength(7);
  });
});

describe('the managedIdentity option', () => {
  const GUID = '3c2b1a09-8f7e-4d6c-9b5a-493827160f5e';
  const bad: ReadonlyArray<readonly [string, unknown, string, RegExp]> = [
    ['not an object', 'yes', 'managedIdentity', /^managedIdentity must be an object: /],
    ['an unknown key', { userAssgined: [] }, 'managedIdentity.userAssgined', /is not an option here/],
    [
      'an unknown tenant',
      { tenantId: GUID },
      'managedIdentity.tenantId',
      /names no tenant of the mock; give one of/,
    ],
    [
      'a malformed system client ID',
      { systemAssigned: { clientId: 'x' } },
      'managedIdentity.systemAssigned.clientId',
      /must be a GUID/,
    ],
    ['userAssigned not a list', { userAssigned: {} }, 'managedIdentity.userAssigned', /must be an array/],
    [
      'a nameless identity',
      { userAssigned: [{}] },
      'managedIdentity.userAssigned[0].name',
      /is required: pass the identity's name/,
    ],
    [
      'a bad name',
      { userAssigned: [{ name: 'a b' }] },
      'managedIdentity.userAssigned[0].name',
      /3 to 128 letters/,
    ],
    [
      'a repeated name',
      { userAssigned: [{ name: 'abc' }, { name: 'ABC' }] },
      'managedIdentity.userAssigned[1].name',
      /own name/,
    ],
    [
      'a client ID used twice',
      { systemAssigned: { clientId: GUID }, userAssigned: [{ name: 'abc', objectId: GUID }] },
      'managedIdentity.userAssigned[0].objectId',
      /used by another managed identity/,
    ],
    [
      'a resource ID of another type',
      {
        userAssigned: [
          {
            name: 'abc',
            resourceId: '/subscriptions/x/resourceGroups/g/providers/Microsoft.Compute/virtualMachines/abc',
          },
        ],
      },
      'managedIdentity.userAssigned[0].resourceId',
      /userAssignedIdentities/,
    ],
    [
      'a status IMDS never retries',
      { failFirst: { status: 404, count: 1 } },
      'managedIdentity.failFirst.status',
      /must be 410, 429, 500, 503/,
    ],
    [
      'a failure count missing',
      { failFirst: { status: 429 } },
      'managedIdentity.failFirst.count',
      /from 0 to 1000 .+; got undefined\.$/,
    ],
    [
      'a negative Retry-After',
      { failFirst: { status: 429, count: 1, retryAfterSeconds: -1 } },
      'managedIdentity.failFirst.retryAfterSeconds',
      /got -1/,
    ],
  ];

  it.each(bad)(
    'is refused when %s, on one line naming the fix',
    async (_what, managedIdentity, option, message) => {
      for (const create of [
        () => new MockTenantModel({ managedIdentity } as never),
        () => createMockTenant({ managedIdentity } as never),
      ]) {
        const error = (() => {
          try {
            create();
          } catch (caught) {
            return caught;
          }
          return undefined;
        })();
        expect(error).toBeInstanceOf(MockConfigurationError);
        expect((error as MockConfigurationError).option).toBe(option);
        expect((error as Error).message).toMatch(message);
        expect((error as Error).message).not.toMatch(/\n/);
      }
      await expect(startMockServer({ managedIdentity } as never)).rejects.toMatchObject({ option });
    },
  );

  it('checks failures assigned later, keeping the ones in force', () => {
    const model = new MockTenantModel({ managedIdentity: { failFirst: { status: 429, count: 2 } } });
    expect(() => {
      model.managedIdentityFailures = { status: 418, count: 1 } as never;
    }).toThrow(MockConfigurationError);
    expect(model.managedIdentityFailures).toEqual({ status: 429, count: 2 });
  });

  it('takes a tenant by ID and a malformed identityEndpoint is refused', () => {
    const other = '66666666-6666-4666-8666-666666666666';
    const model = new MockTenantModel({
      tenants: [
        { tenantId: MOCK_TENANT_ID, domain: 'contoso.onmicrosoft.com', apps: [] },
        { tenantId: other, domain: 'fabrikam.onmicrosoft.com', apps: [] },
      ],
      managedIdentity: { tenantId: other.toUpperCase() },
    });
    expect(model.managedIdentity.tenantId).toBe(other);
    expect(() => createMockTenant({ identityEndpoint: 'not a url' })).toThrow(
      /^identityEndpoint must be an absolute http\(s\) URL/,
    );
  });
});
