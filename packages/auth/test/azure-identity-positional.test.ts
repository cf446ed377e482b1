import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ClientAssertionCredential,
  ClientCertificateCredential,
  ClientSecretCredential,
  MmdConfigurationError,
} from '../src/index';
import { createTestCertificate } from './support/test-certificate';
import { CLIENT_ID, CLIENT_SECRET, TENANT_ID, useTokenEndpoints } from './support/token-endpoint';

const { serve } = useTokenEndpoints();

// The positional constructors every @azure/identity sample uses, with the same meaning.
describe("@azure/identity's positional constructors", () => {
  it('accepts ClientSecretCredential(tenantId, clientId, clientSecret, options)', async () => {
    const endpoint = serve(undefined, 'https://login.microsoftonline.us');
    const credential = new ClientSecretCredential(TENANT_ID, CLIENT_ID, CLIENT_SECRET, {
      authorityHost: 'https://login.microsoftonline.us',
    });
    expect((await credential.getToken()).token).toBe('access-token-1');
    expect(endpoint.requests[0]?.form.get('client_secret')).toBe(CLIENT_SECRET);
    expect(endpoint.requests[0]?.form.get('client_id')).toBe(CLIENT_ID);
    expect(endpoint.requests[0]?.url).toContain(`/${TENANT_ID}/oauth2/v2.0/token`);
  });

  it('accepts ClientCertificateCredential with a path, { certificate } or { certificatePath }', async () => {
    const endpoint = serve();
    const certificate = createTestCertificate();
    const path = join(mkdtempSync(join(tmpdir(), 'mmd-positional-')), 'app.pem');
    writeFileSync(path, certificate.pem);
    const credentials = [
      new ClientCertificateCredential(TENANT_ID, CLIENT_ID, path),
      new ClientCertificateCredential(TENANT_ID, CLIENT_ID, { certificate: certificate.pem }),
      new ClientCertificateCredential(
        TENANT_ID,
        CLIENT_ID,
        { certificatePath: path },
        { sendCertificateChain: true },
      ),
    ];
    for (const credential of credentials) await credential.getToken();
    expect(endpoint.requests).toHaveLength(3);
    for (const request of endpoint.requests) expect(request.form.get('client_assertion')).toMatch(/^ey/);
  });

  it('accepts ClientAssertionCredential(tenantId, clientId, getAssertion)', async () => {
    const endpoint = serve();
    const credential = new ClientAssertionCredential(
      TENANT_ID,
      CLIENT_ID,
      async () => 'header.payload.signature',
    );
    await credential.getToken();
    expect(endpoint.requests[0]?.form.get('client_assertion')).toBe('header.payload.signature');
  });

  it('checks positional arguments as strictly as the options form, before any request', () => {
    const endpoint = serve();
    expect(() => new ClientSecretCredential(TENANT_ID, CLIENT_ID, '')).toThrow(MmdConfigurationError);
    expect(() => new ClientSecretCredential('common', CLIENT_ID, CLIENT_SECRET)).toThrow(
      /multi-tenant alias/,
    );
    expect(() => new ClientSecretCredential(TENANT_ID, CLIENT_ID, CLIENT_SECRET, 5 as never)).toThrow(
      MmdConfigurationError,
    );
    expect(
      () => new ClientSecretCredential(TENANT_ID, CLIENT_ID, CLIENT_SECRET, { clientSecert: 'x' } as never),
    ).toThrow(/options\.clientSecert/);
    expect(() => new ClientCertificateCredential(TENANT_ID, CLIENT_ID, 42 as never)).toThrow(
      MmdConfigurationError,
    );
    expect(endpoint.requests).toHaveLength(0);
  });
});
