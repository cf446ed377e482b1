import type { MmdClient } from '@mmd-sdk/mmd-api';
import type { TokenCredential } from '@mmd-sdk/mmd-auth';
import { readConfig, selectProfile, tokenCacheKey, tokenDirectory } from './config';
import { SignInError } from './errors';

/** The options every command takes (`mmd --help` lists them). */
export interface GlobalOptions {
  profile?: string;
  tenant?: string;
  clientId?: string;
  certificate?: string;
  authority?: string;
  baseUrl?: string;
  managedIdentity?: boolean;
  mock?: boolean;
  tokenCache: boolean;
  timeout?: string;
  retries?: string;
  output?: string;
  color: boolean;
  yes?: boolean;
}

/** A signed-in client, and what closes the in-process mock server. */
export interface Session {
  readonly client: MmdClient;
  readonly credential: TokenCredential;
  readonly scopes: string[];
  close(): Promise<void>;
}

function whole(value: string | undefined, option: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > max) {
    throw Object.assign(new Error(`${option} must be a whole number from 0 to ${max}; got ${value}.`), {
      name: 'UsageError',
    });
  }
  return number;
}

const AUTHENTICATION_VARIABLES = [
  'AZURE_CLIENT_SECRET',
  'AZURE_CLIENT_CERTIFICATE_PATH',
  'AZURE_FEDERATED_TOKEN_FILE',
  'IDENTITY_ENDPOINT',
  'MSI_ENDPOINT',
  'AZURE_POD_IDENTITY_AUTHORITY_HOST',
];

/**
 * Builds the credential: in-process mock, else `createDefaultCredential` over the `AZURE_*` variables
 * with the flags and the profile filled in (tenant, client ID, authority host, `--certificate`), else,
 * on a terminal, a client secret typed at a prompt. Never a secret from the command line or a file.
 */
async function signIn(options: GlobalOptions, common: Record<string, unknown>) {
  const auth = await import('@mmd-sdk/mmd-auth');
  const { profile } = selectProfile(readConfig(), options.profile);
  const environment: NodeJS.ProcessEnv = { ...process.env };
  const set = (name: string, value: string | undefined) => {
    if (value !== undefined && value !== '') environment[name] = value;
  };
  set('AZURE_TENANT_ID', options.tenant ?? profile.tenant ?? process.env.AZURE_TENANT_ID);
  set('AZURE_CLIENT_ID', options.clientId ?? profile.clientId ?? process.env.AZURE_CLIENT_ID);
  set('AZURE_AUTHORITY_HOST', options.authority ?? profile.authority ?? process.env.AZURE_AUTHORITY_HOST);
  const certificate = options.certificate ?? profile.certificate;
  if (certificate !== undefined) {
    delete environment.AZURE_CLIENT_SECRET;
    environment.AZURE_CLIENT_CERTIFICATE_PATH = certificate;
  }
  const tenantId = environment.AZURE_TENANT_ID;
  if (!tenantId || !environment.AZURE_CLIENT_ID) {
    if (!options.managedIdentity) {
      throw new SignInError(
        `no ${tenantId ? 'client ID' : 'tenant'}: pass ${tenantId ? '--client-id' : '--tenant'}, set ${tenantId ? 'AZURE_CLIENT_ID' : 'AZURE_TENANT_ID'}, or save a profile with \`mmd config set\`.`,
      );
    }
  }
  const configured = AUTHENTICATION_VARIABLES.some((name) => environment[name]);
  if (!configured && !options.managedIdentity) {
    if (!process.stdin.isTTY) {
      throw new SignInError(
        'no credential: set AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH or AZURE_FEDERATED_TOKEN_FILE, pass --certificate <pem>, or run on a terminal to type the secret.',
      );
    }
    const { default: password } = await import('@inquirer/password');
    const secret = await password(
      { message: `Client secret of app ${environment.AZURE_CLIENT_ID} (not stored):`, mask: '*' },
      { output: process.stderr },
    );
    if (!secret)
      throw new SignInError('no client secret typed; set AZURE_CLIENT_SECRET or pass --certificate.');
    environment.AZURE_CLIENT_SECRET = secret;
  }
  const credential = auth.createDefaultCredential(
    { ...common, ...(options.managedIdentity ? { managedIdentity: true } : {}) },
    environment,
  );
  return { credential, tenantId };
}

/** Signs in (or starts the in-process mock) and creates the client. The SDK is loaded here, not at start. */
export async function openSession(options: GlobalOptions): Promise<Session> {
  const timeout = whole(options.timeout, '--timeout', 600_000);
  const maxRetries = whole(options.retries, '--retries', 10);
  const [api, auth] = await Promise.all([import('@mmd-sdk/mmd-api'), import('@mmd-sdk/mmd-auth')]);
  const scopes = [auth.MMD_SCOPE];
  const logLevel = process.env.MMD_LOG ? undefined : 'error';
  const common: Record<string, unknown> = {
    maxRetryDelay: 10_000,
    ...(logLevel ? { logLevel } : {}),
    ...(maxRetries !== undefined ? { maxRetries } : {}),
  };
  const clientOptions = {
    ...(timeout !== undefined ? { timeout } : {}),
    ...(maxRetries !== undefined ? { maxRetries } : {}),
    maxRetryDelay: 10_000,
    ...(logLevel ? { logLevel: logLevel as 'error' } : {}),
  };
  if (options.mock) {
    const mock = await import('@mmd-sdk/mmd-mock/server');
    const server = await mock.startMockServer({ port: 0, seed: 1, onError: () => {} });
    const credential = new auth.ClientSecretCredential({
      tenantId: mock.MOCK_TENANT_ID,
      clientId: mock.MOCK_CLIENT_ID,
      clientSecret: mock.MOCK_CLIENT_SECRET,
      authorityHost: server.url,
      ...common,
    });
    const client = api.createMmdClient({
      credential,
      tenantId: mock.MOCK_TENANT_ID,
      baseUrl: options.baseUrl ?? server.baseUrl,
      ...clientOptions,
    });
    return { client, credential, scopes, close: () => server.close() };
  }
  const { profile } = selectProfile(readConfig(), options.profile);
  if (options.tokenCache) {
    common.cache = {
      store: auth.createFileTokenStore({ directory: tokenDirectory() }),
      encryptionKey: tokenCacheKey(),
    };
  }
  const { credential, tenantId } = await signIn(options, common);
  const baseUrl = options.baseUrl ?? profile.baseUrl ?? process.env.MMD_BASE_URL;
  const client = api.createMmdClient({
    credential,
    ...(tenantId ? { tenantId } : {}),
    ...(baseUrl ? { baseUrl } : {}),
    ...clientOptions,
  });
  return { client, credential, scopes, close: async () => {} };
}
