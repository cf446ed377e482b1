import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  ClientSecretCredential,
  CredentialUnavailableError,
  createDefaultCredential,
  EnvironmentCredential,
  ManagedIdentityCredential,
  MmdConfigurationError,
  WorkloadIdentityCredential,
} from '../src/index';
import { ENCRYPTION_KEY } from './support/encryption-keys';
import { configurationError, thrownBy } from './support/expected-errors';
import { imdsToken, useTokenAndIdentityEndpoints } from './support/identity-endpoint';
import { createMemoryTokenStore } from './support/memory-token-store';
import { CLIENT_ID, CLIENT_SECRET, TENANT_ID } from './support/token-endpoint';

const { serve, startIdentityServer: startServer } = useTokenAndIdentityEndpoints();

function tokenFile(): string {
  const folder = mkdtempSync(join(tmpdir(), 'mmd-auth-chain-'));
  onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
  const path = join(folder, 'token');
  writeFileSync(path, 'projected-service-account-token');
  return path;
}

function unavailable(build: () => unknown): CredentialUnavailableError {
  return thrownBy(build, CredentialUnavailableError);
}

const IDENTITY = { AZURE_TENANT_ID: TENANT_ID, AZURE_CLIENT_ID: CLIENT_ID };

describe('createDefaultCredential', () => {
  it('lists each credential and why it was skipped when none is configured, and never asks IMDS', () => {
    const error = unavailable(() => createDefaultCredential({}, { ...IDENTITY }));
    expect(error.message.split('\n')).toEqual([
      'No credential is available in this environment; the chain tried:',
      '  - EnvironmentCredential skipped: neither AZURE_CLIENT_SECRET nor AZURE_CLIENT_CERTIFICATE_PATH is set',
      '  - WorkloadIdentityCredential skipped: AZURE_FEDERATED_TOKEN_FILE is not set',
      '  - ManagedIdentityCredential skipped: none of IDENTITY_ENDPOINT, MSI_ENDPOINT, AZURE_POD_IDENTITY_AUTHORITY_HOST is set, so this is not known to run on Azure (on an Azure VM or AKS node, pass { managedIdentity: true })',
    ]);
    expect(error.credentials.map(({ credential, outcome }) => `${credential} ${outcome}`)).toEqual([
      'EnvironmentCredential skipped',
      'WorkloadIdentityCredential skipped',
      'ManagedIdentityCredential skipped',
    ]);
  });

  it('takes a client secret from the environment first', async () => {
    const endpoint = serve();
    const credential = createDefaultCredential(
      {},
      {
        ...IDENTITY,
        AZURE_CLIENT_SECRET: CLIENT_SECRET,
        AZURE_FEDERATED_TOKEN_FILE: tokenFile(),
        IDENTITY_ENDPOINT: 'http://127.0.0.1:9',
      },
    );
    expect(credential).toBeInstanceOf(EnvironmentCredential);
    expect((credential as EnvironmentCredential).credential).toBeInstanceOf(ClientSecretCredential);
    await credential.getToken();
    expect(endpoint.requests[0]?.form.get('client_secret')).toBe(CLIENT_SECRET);
  });

  it('takes workload identity next', async () => {
    const endpoint = serve();
    const credential = createDefaultCredential({}, { ...IDENTITY, AZURE_FEDERATED_TOKEN_FILE: tokenFile() });
    expect(credential).toBeInstanceOf(WorkloadIdentityCredential);
    await credential.getToken();
    expect(endpoint.requests[0]?.form.get('client_assertion')).toBe('projected-service-account-token');
  });

  it('takes managed identity where the environment says App Service, with AZURE_CLIENT_ID as the user-assigned identity', async () => {
    const server = await startServer((response) => imdsToken(response, 'app-service-token'));
    const credential = createDefaultCredential(
      {},
      {
        AZURE_CLIENT_ID: CLIENT_ID,
        IDENTITY_ENDPOINT: `${server.authorityHost}/msi/token`,
        IDENTITY_HEADER: 'header-secret-value',
      },
    );
    expect(credential).toBeInstanceOf(ManagedIdentityCredential);
    expect((credential as ManagedIdentityCredential).source).toBe('App Service');
    await expect(credential.getToken()).resolves.toMatchObject({ token: 'app-service-token' });
    expect(server.seen[0]?.query.get('client_id')).toBe(CLIENT_ID);
  });

  it('takes managed identity on AKS pod identity, or anywhere when asked to', async () => {
    const server = await startServer((response) => imdsToken(response, 'pod-token'));
    const pod = createDefaultCredential({}, { AZURE_POD_IDENTITY_AUTHORITY_HOST: server.authorityHost });
    await expect(pod.getToken()).resolves.toMatchObject({ token: 'pod-token' });
    expect(server.seen[0]?.query.get('client_id')).toBeNull();
    // On a VM nothing says Azure: the option does (nothing is sent before getToken).
    const vm = createDefaultCredential({ managedIdentity: true, managedIdentityClientId: CLIENT_ID }, {});
    expect(vm).toBeInstanceOf(ManagedIdentityCredential);
    expect(vm).toMatchObject({ endpoint: 'http://169.254.169.254', identity: { clientId: CLIENT_ID } });
  });

  it('never uses managed identity with managedIdentity: false', () => {
    const error = unavailable(() =>
      createDefaultCredential(
        { managedIdentity: false },
        { IDENTITY_ENDPOINT: 'http://127.0.0.1:9', IDENTITY_HEADER: 'x' },
      ),
    );
    expect(error.message).toContain('ManagedIdentityCredential skipped: managedIdentity is false');
  });

  it('stops at the first configured credential whose configuration is wrong, and says why', () => {
    const error = unavailable(() =>
      createDefaultCredential(
        {},
        { AZURE_CLIENT_SECRET: CLIENT_SECRET, AZURE_FEDERATED_TOKEN_FILE: tokenFile() },
      ),
    );
    expect(error.message.split('\n')).toEqual([
      'No credential is available in this environment; the chain tried:',
      expect.stringMatching(
        /^ {2}- EnvironmentCredential failed: EnvironmentCredential is missing AZURE_TENANT_ID, AZURE_CLIENT_ID;/,
      ),
    ]);
    expect(error.cause).toBeInstanceOf(MmdConfigurationError);
    expect(error.message).not.toContain(CLIENT_SECRET);
  });

  it('passes the common options on, the token store with its key from the environment included', async () => {
    serve();
    const store = createMemoryTokenStore();
    const environment = {
      ...IDENTITY,
      AZURE_CLIENT_SECRET: CLIENT_SECRET,
      MMD_TOKEN_CACHE_KEY: ENCRYPTION_KEY,
    };
    await createDefaultCredential({ cache: { store } }, environment).getToken();
    expect(store.entries.size).toBe(1);
  });

  it('checks its own options', () => {
    expect(
      configurationError(() => createDefaultCredential({ managedIdentity: 'yes' as never }, {})).option,
    ).toBe('managedIdentity');
    expect(
      configurationError(() => createDefaultCredential({ managedIdentityId: 'x' } as never, {})).option,
    ).toBe('options.managedIdentityId');
  });
});
