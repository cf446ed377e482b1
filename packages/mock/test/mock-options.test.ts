import { generateKeyPairSync } from 'node:crypto';
import { MmdConfigurationError, MmdError } from '@mmd-sdk/mmd-auth';
import { describe, expect, it } from 'vitest';
import {
  createMockTenant,
  createTestCertificate,
  MOCK_CLIENT_ID,
  MOCK_TENANT_DOMAIN,
  MOCK_TENANT_ID,
  MockConfigurationError,
  MockTenantModel,
} from '../src/index';
import { startMockServer } from '../src/server';
import { SIGNING_KEY } from './support/signing-key';

const app = { clientId: MOCK_CLIENT_ID, clientSecret: 'secret-value-123' };
const PRIVATE_KEY_PEM = SIGNING_KEY.export({ type: 'pkcs8', format: 'pem' }) as string;
const tenant = { tenantId: MOCK_TENANT_ID, domain: MOCK_TENANT_DOMAIN, apps: [app] };

function configurationError(run: () => unknown): MockConfigurationError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(MockConfigurationError);
  const error = caught as MockConfigurationError;
  expect(error.name).toBe('MockConfigurationError');
  expect(error.message).not.toMatch(/\n/);
  return error;
}

/** Options every entry point takes, each wrong: [what, options, the option named, the message]. */
const BAD_TENANT_OPTIONS: ReadonlyArray<readonly [string, unknown, string, RegExp]> = [
  ['null options', null, 'options', /^options must be an object: .+; got null\.$/],
  ['an array for options', [], 'options', /got an array/],
  [
    'a misspelt option',
    { devicecount: 5 },
    'options.devicecount',
    /is not an option here; use seed, tenants/,
  ],
  ['a string seed', { seed: 'x' }, 'seed', /^seed must be a whole number .+; got a string\.$/],
  ['a fractional seed', { seed: 1.5 }, 'seed', /got 1\.5/],
  [
    'a negative deviceCount',
    { deviceCount: -1 },
    'deviceCount',
    /^deviceCount must be a whole number from 0 to 100000; got -1\.$/,
  ],
  ['a fractional deviceCount', { deviceCount: 2.5 }, 'deviceCount', /got 2\.5/],
  ['NaN ticketCount', { ticketCount: Number.NaN }, 'ticketCount', /got NaN/],
  [
    'a huge elevationRequestCount',
    { elevationRequestCount: 1e9 },
    'elevationRequestCount',
    /from 0 to 10000/,
  ],
  ['a zero token lifetime', { tokenLifetimeSeconds: 0 }, 'tokenLifetimeSeconds', /from 1 to 86400/],
  ['a PEM text for signingKey', { signingKey: 'pem' }, 'signingKey', /RSA private KeyObject/],
  [
    'a public key for signingKey',
    { signingKey: generateKeyPairSync('ed25519').publicKey },
    'signingKey',
    /got a public ed25519 key/,
  ],
  ['an invalid dataDate', { dataDate: new Date('nope') }, 'dataDate', /got an invalid Date/],
  ['a string for tenants', { tenants: 'x' }, 'tenants', /^tenants must be an array: .+; got a string\.$/],
  ['no tenants', { tenants: [] }, 'tenants', /at least one tenant/],
  ['null for a tenant', { tenants: [null] }, 'tenants[0]', /got null/],
  [
    'a tenant ID that is no GUID',
    { tenants: [{ ...tenant, tenantId: 'contoso' }] },
    'tenants[0].tenantId',
    /a GUID/,
  ],
  [
    'a tenant without a domain',
    { tenants: [{ ...tenant, domain: undefined }] },
    'tenants[0].domain',
    /is required/,
  ],
  [
    'a domain with a slash',
    { tenants: [{ ...tenant, domain: 'a/b.com' }] },
    'tenants[0].domain',
    /verified domain/,
  ],
  [
    'two tenants with one ID',
    { tenants: [tenant, { ...tenant, domain: 'fabrikam.onmicrosoft.com' }] },
    'tenants[1].tenantId',
    /listed before/,
  ],
  ['a tenant without apps', { tenants: [{ ...tenant, apps: undefined }] }, 'tenants[0].apps', /is required/],
  [
    'an app without a client ID',
    { tenants: [{ ...tenant, apps: [{}] }] },
    'tenants[0].apps[0].clientId',
    /is required/,
  ],
  [
    'an app registered twice',
    { tenants: [{ ...tenant, apps: [app, app] }] },
    'tenants[0].apps[1].clientId',
    /registered twice/,
  ],
  [
    'an empty client secret',
    { tenants: [{ ...tenant, apps: [{ ...app, clientSecret: '' }] }] },
    'tenants[0].apps[0].clientSecret',
    /got an empty string/,
  ],
  [
    'a secret with a line break',
    { tenants: [{ ...tenant, apps: [{ ...app, clientSecret: 'a\nb' }] }] },
    'tenants[0].apps[0].clientSecret',
    /one line; got a string that is not one\.$/,
  ],
  [
    'a certificate that is not PEM',
    { tenants: [{ ...tenant, apps: [{ ...app, certificates: ['not a certificate'] }] }] },
    'tenants[0].apps[0].certificates[0]',
    /PEM certificate/,
  ],
  [
    "'yes' for consentGranted",
    { tenants: [{ ...tenant, apps: [{ ...app, consentGranted: 'yes' }] }] },
    'tenants[0].apps[0].consentGranted',
    /true or false/,
  ],
  [
    'an unknown persona',
    { tenants: [{ ...tenant, enabledProfiles: ['Gamer'] }] },
    'tenants[0].enabledProfiles[0]',
    /one of Standard, SensitiveData, PowerUser, Kiosk, Starter/,
  ],
  [
    'no enabled profile',
    { tenants: [{ ...tenant, enabledProfiles: [] }] },
    'tenants[0].enabledProfiles',
    /at least one/,
  ],
  [
    'a repeated persona',
    { tenants: [{ ...tenant, enabledProfiles: ['Standard', 'Standard'] }] },
    'tenants[0].enabledProfiles[1]',
    /repeats Standard/,
  ],
  [
    'a per-tenant negative count',
    { tenants: [{ ...tenant, ticketCount: -3 }] },
    'tenants[0].ticketCount',
    /got -3/,
  ],
  ['a string for faults', { faults: 'x' }, 'faults', /must be an object/],
  ['a misspelt fault', { faults: { latency: 5 } }, 'faults.latency', /not an option here/],
  [
    'a negative latency',
    { faults: { latencyMs: -1 } },
    'faults.latencyMs',
    /from 0 to 2147483647 .+; got -1\.$/,
  ],
  ['a reversed latency range', { faults: { latencyMs: [10, 5] } }, 'faults.latencyMs', /min <= max/],
  [
    'a rate above 1',
    { faults: { rateLimitRate: 1.5 } },
    'faults.rateLimitRate',
    /from 0 to 1 .+; got 1\.5\.$/,
  ],
  ['a negative rate', { faults: { serverErrorRate: -0.1 } }, 'faults.serverErrorRate', /got -0\.1/],
  [
    'rates above 1 together',
    { faults: { rateLimitRate: 0.6, serverErrorRate: 0.6 } },
    'faults.serverErrorRate',
    /must not exceed 1/,
  ],
  [
    'a fractional Retry-After',
    { faults: { retryAfterSeconds: 0.5 } },
    'faults.retryAfterSeconds',
    /whole number/,
  ],
];

/** Options only the server takes, each wrong. */
const BAD_SERVER_OPTIONS: ReadonlyArray<readonly [string, unknown, string, RegExp]> = [
  [
    'port -1',
    { port: -1 },
    'port',
    /^port must be a whole number from 0 to 65535 \(0 picks a free port\); got -1\.$/,
  ],
  ['port 70000', { port: 70_000 }, 'port', /got 70000\.$/],
  ['port 1.5', { port: 1.5 }, 'port', /got 1\.5\.$/],
  ['a string port', { port: '4010' }, 'port', /got a string\.$/],
  ['a numeric host', { host: 127 }, 'host', /IP address or a host name .+; got 127\.$/],
  ['a host with a scheme', { host: 'http://localhost' }, 'host', /got a string that is not one/],
  ['an onError that is no function', { onError: 'log' }, 'onError', /must be a function/],
  ['an option of the MSW handlers', { baseUrl: 'http://localhost' }, 'options.baseUrl', /not an option here/],
  [
    '"yes" for tls',
    { tls: 'yes' },
    'tls',
    /^tls must be true \(a certificate made at start\), .+; got a string\.$/,
  ],
  [
    'tls without a key',
    { tls: { cert: 'x' } },
    'tls.key',
    /unencrypted PEM private key .+; got undefined\.$/,
  ],
  [
    'a tls key that is not PEM',
    { tls: { key: 'hunter2-not-a-key', cert: 'x' } },
    'tls.key',
    /^tls\.key must be .+; got a string that is not one\.$/,
  ],
  [
    'a tls cert that is not PEM',
    { tls: { key: PRIVATE_KEY_PEM, cert: Buffer.from('x') } },
    'tls.cert',
    /got a Buffer that is not one\.$/,
  ],
  [
    'a misspelt tls option',
    { tls: { key: PRIVATE_KEY_PEM, cert: 'x', passphrase: 'p' } },
    'tls.passphrase',
    /^tls\.passphrase is not an option here; use key, cert, ca\.$/,
  ],
];

/** Options only the MSW handlers take, each wrong. */
const BAD_HANDLER_OPTIONS: ReadonlyArray<readonly [string, unknown, string, RegExp]> = [
  ['a relative baseUrl', { baseUrl: '/support' }, 'baseUrl', /absolute http\(s\) URL/],
  [
    'an ftp authorityHost',
    { authorityHost: 'ftp://login.example' },
    'authorityHost',
    /absolute http\(s\) URL/,
  ],
  [
    'a baseUrl with a query',
    { baseUrl: 'https://mmd.example/v1?x=1' },
    'baseUrl',
    /without credentials, query/,
  ],
  ['an option of the server', { port: 4010 }, 'options.port', /not an option here/],
];

describe('option checks', () => {
  it.each(BAD_TENANT_OPTIONS)('new MockTenantModel refuses %s', (_what, options, option, message) => {
    const error = configurationError(() => new MockTenantModel(options as never));
    expect(error.option).toBe(option);
    expect(error.message).toMatch(message);
  });

  it.each(BAD_TENANT_OPTIONS)('createMockTenant refuses %s', (_what, options, option, message) => {
    const error = configurationError(() => createMockTenant(options as never));
    expect(error.option).toBe(option);
    expect(error.message).toMatch(message);
  });

  it.each([...BAD_TENANT_OPTIONS, ...BAD_SERVER_OPTIONS])(
    'startMockServer refuses %s before anything starts',
    async (_what, options, option, message) => {
      const error = await startMockServer(options as never).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(MockConfigurationError);
      expect((error as MockConfigurationError).option).toBe(option);
      expect((error as MockConfigurationError).message).toMatch(message);
    },
  );

  it.each(BAD_HANDLER_OPTIONS)('createMockTenant refuses %s', (_what, options, option, message) => {
    const error = configurationError(() => createMockTenant(options as never));
    expect(error.option).toBe(option);
    expect(error.message).toMatch(message);
  });

  it.each([
    ['a misspelt option', { validdays: 1 }, 'options.validdays'],
    ['an empty common name', { commonName: '' }, 'commonName'],
    ['fractional validDays', { validDays: 1.5 }, 'validDays'],
    ['validDays past 2049, which UTCTime cannot say', { validDays: 10_000 }, 'validDays'],
    ['a public key', { privateKey: generateKeyPairSync('ed25519').publicKey }, 'privateKey'],
  ])('createTestCertificate refuses %s', (_what, options, option) => {
    expect(configurationError(() => createTestCertificate(options as never)).option).toBe(option);
  });

  it('never quotes a client secret or a private key it refuses', async () => {
    const error = configurationError(
      () =>
        new MockTenantModel({
          tenants: [{ ...tenant, apps: [{ ...app, clientSecret: 'hunter2\nsecret' }] }],
        }),
    );
    expect(error.message).not.toMatch(/hunter2/);
    const truncatedKey = PRIVATE_KEY_PEM.slice(0, 200);
    const tls = await startMockServer({ tls: { key: truncatedKey, cert: 'x' } }).catch(
      (caught: unknown) => caught,
    );
    expect((tls as MockConfigurationError).option).toBe('tls.key');
    // The message shows what a key looks like (-----BEGIN PRIVATE KEY-----), never the key's body.
    expect((tls as Error).message).not.toContain(truncatedKey.split('\n')[1]?.slice(0, 16));
    expect((tls as Error).message).toMatch(/got a string that is not one\.$/);
  });

  it('checks faults and the token lifetime assigned later, keeping the ones in force', () => {
    const model = new MockTenantModel({ deviceCount: 1, signingKey: SIGNING_KEY });
    model.faults = { rateLimitRate: 0.25 };
    expect(configurationError(() => Object.assign(model, { faults: { rateLimitRate: 2 } })).option).toBe(
      'faults.rateLimitRate',
    );
    expect(configurationError(() => Object.assign(model, { faults: null })).option).toBe('faults');
    expect(model.faults).toEqual({ rateLimitRate: 0.25 });
    expect(configurationError(() => Object.assign(model, { tokenLifetimeSeconds: -5 })).option).toBe(
      'tokenLifetimeSeconds',
    );
    expect(
      configurationError(() => Object.assign(model, { tokenLifetimeSeconds: undefined })).message,
    ).toMatch(/got undefined/);
    expect(model.tokenLifetimeSeconds).toBe(3599);
  });

  it('accepts the edges of every range', async () => {
    const model = new MockTenantModel({
      seed: -7,
      deviceCount: 0,
      ticketCount: 0,
      elevationRequestCount: 0,
      tokenLifetimeSeconds: 1,
      signingKey: SIGNING_KEY,
      faults: { latencyMs: [0, 0], rateLimitRate: 0.5, serverErrorRate: 0.5, retryAfterSeconds: 0 },
      tenants: [
        {
          ...tenant,
          apps: [{ clientId: MOCK_CLIENT_ID, certificates: [], displayName: 'x' }],
          enabledProfiles: ['Kiosk'],
        },
      ],
    });
    expect(model.tenants[0]?.devices).toEqual([]);
    const server = await startMockServer({ port: 0, host: 'localhost', signingKey: SIGNING_KEY });
    await server.close();
    const handlers = createMockTenant({
      authorityHost: 'http://127.0.0.1:9/',
      baseUrl: 'http://127.0.0.1:9/v1',
    });
    expect(handlers.baseUrl).toBe('http://127.0.0.1:9/v1');
  });

  it('is exported from both entry points, with the option at fault', async () => {
    const server = await import('../src/server');
    expect(server.MockConfigurationError).toBe(MockConfigurationError);
    const error = new MockConfigurationError('port', 'port must be …');
    expect(error).toBeInstanceOf(Error);
    expect(error.option).toBe('port');
  });

  it("is part of the SDK's error tree: an MmdConfigurationError of the auth package's copy too", () => {
    const error = configurationError(() => new MockTenantModel({ deviceCount: -1 }));
    expect(error).toBeInstanceOf(MmdConfigurationError);
    expect(error).toBeInstanceOf(MmdError);
    expect(error.option).toBe('deviceCount');
    expect(new MmdConfigurationError('port', 'port must be …')).not.toBeInstanceOf(MockConfigurationError);
    expect(new Error('x')).not.toBeInstanceOf(MockConfigurationError);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'MockConfigurationError',
      option: 'deviceCount',
    });
  });
});
