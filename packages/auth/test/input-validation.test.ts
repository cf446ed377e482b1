import { describe, expect, it } from 'vitest';
import { ClientAssertionCredential, ClientCertificateCredential, ClientSecretCredential } from '../src/index';
import { configurationError } from './support/expected-errors';
import { IDENTITY, SECRET_OPTIONS, TENANT_ID, useTokenEndpoints } from './support/token-endpoint';

const { serve } = useTokenEndpoints();
const secretOptions = SECRET_OPTIONS;

describe('options are checked before any network call', () => {
  it.each([
    ['', /tenantId is required/],
    ['   ', /tenantId is required/],
    ['common', /multi-tenant alias/],
    ['Organizations', /multi-tenant alias/],
    ['consumers', /multi-tenant alias/],
    ['contoso/../evil', /GUID such as .*or a verified domain/],
    ['contoso.com?x=1', /GUID such as .*or a verified domain/],
    ['contoso.com#frag', /GUID such as .*or a verified domain/],
    ['contoso%2Fcom', /GUID such as .*or a verified domain/],
    ['contoso\\com', /GUID such as .*or a verified domain/],
    ['contoso .com', /GUID such as .*or a verified domain/],
    ['localhost', /GUID such as .*or a verified domain/],
  ])('rejects tenantId %j', (tenantId, message) => {
    expect(
      configurationError(() => new ClientSecretCredential({ ...secretOptions, tenantId })).message,
    ).toMatch(message);
  });

  it.each([TENANT_ID, 'contoso.onmicrosoft.com', 'fabrikam.com'])('accepts tenantId %j', (tenantId) => {
    expect(new ClientSecretCredential({ ...secretOptions, tenantId }).tenantId).toBe(tenantId);
  });

  it.each(['', 'my-app', '0c8f4a5b1d2e4f3a9b8c7d6e5f4a3b2c', undefined, 42])(
    'rejects clientId %j',
    (clientId) => {
      const error = configurationError(
        () => new ClientSecretCredential({ ...secretOptions, clientId: clientId as string }),
      );
      expect(error.option).toBe('clientId');
      expect(error.message).toMatch(/application \(client\) ID, a GUID/);
    },
  );

  it.each(['', '  ', undefined])('rejects clientSecret %j', (clientSecret) => {
    const error = configurationError(
      () => new ClientSecretCredential({ ...secretOptions, clientSecret: clientSecret as string }),
    );
    expect(error.message).toMatch(/clientSecret is required: pass the Value of a client secret/);
  });

  it.each([
    ['http://login.microsoftonline.com', /must use https/],
    ['http://10.0.0.5', /must use https/],
    ['ftp://login.microsoftonline.com', /must use https/],
    ['login.microsoftonline.com', /absolute URL/],
    ['https://user:pass@login.microsoftonline.com', /must not hold credentials, a query or a fragment/],
    ['https://login.microsoftonline.com?x=1', /must not hold credentials, a query or a fragment/],
  ])('rejects authorityHost %j', (authorityHost, message) => {
    expect(
      configurationError(() => new ClientSecretCredential({ ...secretOptions, authorityHost })).message,
    ).toMatch(message);
  });

  it.each([
    'http://127.0.0.1:8080',
    'http://localhost:3000',
    'http://[::1]:3000',
    'https://login.microsoftonline.us/',
  ])('accepts authorityHost %j', (authorityHost) => {
    expect(() => new ClientSecretCredential({ ...secretOptions, authorityHost })).not.toThrow();
  });

  it.each([
    ['timeout', 0],
    ['timeout', Number.NaN],
    ['maxRetries', -1],
    ['maxRetries', 1.5],
    ['refreshBeforeExpiry', -1],
  ])('rejects %s %j', (option, value) => {
    expect(
      configurationError(() => new ClientSecretCredential({ ...secretOptions, [option]: value })).option,
    ).toBe(option);
  });

  it.each([
    [[], /must not be empty/],
    ['https://graph.microsoft.com/User.Read', /only accepts "<resource>\/\.default" scopes/],
    ['a b/.default', /without spaces/],
  ])('rejects scopes %j without a request', async (scopes, message) => {
    const endpoint = serve();
    await expect(new ClientSecretCredential(secretOptions).getToken(scopes)).rejects.toThrow(message);
    expect(endpoint.requests).toHaveLength(0);
  });

  it('needs exactly one of certificate and certificatePath', () => {
    expect(configurationError(() => new ClientCertificateCredential({ ...IDENTITY })).message).toMatch(
      /exactly one of certificate/,
    );
  });

  it('names the path of a certificate file it cannot read', () => {
    const error = configurationError(
      () =>
        new ClientCertificateCredential({
          ...IDENTITY,
          certificatePath: '/nonexistent/cert.pem',
        }),
    );
    expect(error.message).toMatch(/certificatePath could not be opened \(ENOENT\)/);
  });

  it('needs getAssertion to be a function', () => {
    expect(
      configurationError(
        () =>
          new ClientAssertionCredential({
            ...IDENTITY,
            getAssertion: 'jwt' as never,
          }),
      ).message,
    ).toMatch(/getAssertion is required/);
  });
});
