import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ClientAssertionCredential,
  ClientCertificateCredential,
  ClientSecretCredential,
  EnvironmentCredential,
} from '../src/index';
import { configurationError } from './support/expected-errors';
import { createTestCertificate } from './support/test-certificate';
import { CLIENT_ID, CLIENT_SECRET, IDENTITY, TENANT_ID, useTokenEndpoints } from './support/token-endpoint';

const { serve } = useTokenEndpoints();

function writeTemporaryFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'mmd-auth-')), name);
  writeFileSync(path, content);
  return path;
}

describe('EnvironmentCredential', () => {
  it.each([
    [
      {},
      'AZURE_TENANT_ID, AZURE_CLIENT_ID, one of AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH or AZURE_FEDERATED_TOKEN_FILE',
    ],
    [{ AZURE_TENANT_ID: TENANT_ID, AZURE_CLIENT_SECRET: CLIENT_SECRET }, 'AZURE_CLIENT_ID;'],
    [{ AZURE_TENANT_ID: TENANT_ID, AZURE_CLIENT_ID: CLIENT_ID }, 'one of AZURE_CLIENT_SECRET'],
    [
      { AZURE_TENANT_ID: ' ', AZURE_CLIENT_ID: CLIENT_ID, AZURE_CLIENT_SECRET: CLIENT_SECRET },
      'missing AZURE_TENANT_ID;',
    ],
  ])('names exactly the missing variables (%j)', (environment, missing) => {
    const error = configurationError(() => new EnvironmentCredential({}, environment));
    expect(error.option).toBe('environment');
    expect(error.message).toContain(missing);
    expect(error.message).not.toContain(CLIENT_SECRET);
  });

  it.each([
    [
      'AZURE_TENANT_ID',
      { AZURE_TENANT_ID: 'not a tenant!' },
      /^AZURE_TENANT_ID is not usable: tenantId must be/,
    ],
    [
      'AZURE_CLIENT_ID',
      { AZURE_CLIENT_ID: 'not-a-guid' },
      /^AZURE_CLIENT_ID is not usable: clientId must be/,
    ],
    [
      'AZURE_AUTHORITY_HOST',
      { AZURE_AUTHORITY_HOST: 'ftp://example.com' },
      /^AZURE_AUTHORITY_HOST is not usable: /,
    ],
  ])('names %s when its value is not usable, before any request', (variable, wrong, message) => {
    const environment = {
      AZURE_TENANT_ID: TENANT_ID,
      AZURE_CLIENT_ID: CLIENT_ID,
      AZURE_CLIENT_SECRET: CLIENT_SECRET,
      ...wrong,
    };
    let caught: unknown;
    try {
      new EnvironmentCredential({}, environment);
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ name: 'MmdConfigurationError', option: variable });
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).not.toContain(CLIENT_SECRET);
  });

  it('uses AZURE_CLIENT_SECRET and AZURE_AUTHORITY_HOST', async () => {
    const endpoint = serve(undefined, 'https://login.microsoftonline.us');
    const credential = new EnvironmentCredential(
      {},
      {
        AZURE_TENANT_ID: TENANT_ID,
        AZURE_CLIENT_ID: CLIENT_ID,
        AZURE_CLIENT_SECRET: CLIENT_SECRET,
        AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.us',
      },
    );
    expect(credential.credential).toBeInstanceOf(ClientSecretCredential);
    await credential.getToken();
    expect(endpoint.requests[0]?.form.get('client_secret')).toBe(CLIENT_SECRET);
  });

  it('uses AZURE_CLIENT_CERTIFICATE_PATH with its password and chain setting', async () => {
    const certificate = createTestCertificate({ passphrase: 'pfx-password' });
    const endpoint = serve();
    const credential = new EnvironmentCredential(
      {},
      {
        AZURE_TENANT_ID: TENANT_ID,
        AZURE_CLIENT_ID: CLIENT_ID,
        AZURE_CLIENT_CERTIFICATE_PATH: writeTemporaryFile('cert.pem', certificate.pem),
        AZURE_CLIENT_CERTIFICATE_PASSWORD: 'pfx-password',
        AZURE_CLIENT_SEND_CERTIFICATE_CHAIN: 'true',
      },
    );
    expect(credential.credential).toBeInstanceOf(ClientCertificateCredential);
    await credential.getToken();
    const header = JSON.parse(
      Buffer.from(
        endpoint.requests[0]?.form.get('client_assertion')?.split('.')[0] ?? '',
        'base64url',
      ).toString(),
    );
    expect(header.x5c).toHaveLength(1);
  });

  it('reads AZURE_FEDERATED_TOKEN_FILE anew for every request', async () => {
    const path = writeTemporaryFile('token', 'federated-token-1\n');
    const endpoint = serve();
    const credential = new EnvironmentCredential(
      {},
      { AZURE_TENANT_ID: TENANT_ID, AZURE_CLIENT_ID: CLIENT_ID, AZURE_FEDERATED_TOKEN_FILE: path },
    );
    expect(credential.credential).toBeInstanceOf(ClientAssertionCredential);
    await credential.getToken();
    writeFileSync(path, 'federated-token-2');
    await credential.getToken(undefined, { forceRefresh: true });
    expect(endpoint.requests.map((request) => request.form.get('client_assertion'))).toEqual([
      'federated-token-1',
      'federated-token-2',
    ]);
    expect(endpoint.requests[0]?.form.get('client_assertion_type')).toBe(
      'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    );
  });
});

describe('ClientAssertionCredential', () => {
  it('passes the abort signal to getAssertion and sends what it returns', async () => {
    const endpoint = serve();
    const signals: AbortSignal[] = [];
    const credential = new ClientAssertionCredential({
      ...IDENTITY,
      getAssertion: async (signal) => {
        signals.push(signal);
        return 'signed.jwt.assertion';
      },
    });
    await credential.getToken();
    expect(signals[0]).toBeInstanceOf(AbortSignal);
    expect(endpoint.requests[0]?.form.get('client_assertion')).toBe('signed.jwt.assertion');
  });

  it('fails clearly when getAssertion returns nothing', async () => {
    serve();
    const credential = new ClientAssertionCredential({
      ...IDENTITY,
      getAssertion: () => '',
    });
    await expect(credential.getToken()).rejects.toThrow(
      /getAssertion returned no assertion; it must return a non-empty signed JWT/,
    );
  });
});
