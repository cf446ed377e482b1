import { isLogLevel } from '@mmd-sdk/core';
import type { MmdClient } from '@mmd-sdk/mmd-api';
import type { AccessToken, TokenCredential } from '@mmd-sdk/mmd-auth';
import { cacheDirectory, readConfig, selectProfile, tokenCacheKey, usableTokenDirectory } from './config';
import { SignInError, UsageError } from './errors';
import { stderrLogger } from './log/stderr-logger';
import { mockSigningKey } from './sign-in/mock-signing-key';
import { signIn } from './sign-in/sign-in';

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

/** A signed-in client, and the token it got before any call. */
export interface Session {
  readonly client: MmdClient;
  readonly accessToken: AccessToken;
}

/**
 * The token first, on its own: a prompt, a refusal or a token endpoint that hangs is reported as what
 * it is (exit 130, 3 or 4), not as the failure of the API call that would have asked for it.
 */
async function firstToken(credential: TokenCredential, scopes: string[]): Promise<AccessToken> {
  const accessToken = await credential.getToken(scopes);
  if (!accessToken) throw new SignInError('the credential returned no token.');
  return accessToken;
}

function whole(value: string | undefined, option: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) {
    throw new UsageError(`${option} must be a whole number from ${min} to ${max}.`);
  }
  return number;
}

/** Options that choose a sign-in or a service, which `--mock` replaces with its own. */
const REAL_TENANT_OPTIONS = [
  ['tenant', '--tenant'],
  ['clientId', '--client-id'],
  ['certificate', '--certificate'],
  ['authority', '--authority'],
  ['baseUrl', '--base-url'],
  ['managedIdentity', '--managed-identity'],
  ['profile', '--profile'],
] as const;

/** The retries mmd makes of a failed request, the token request's and the API call's alike. */
const DEFAULT_RETRIES = 2;

/** Signs in (or starts the in-process mock) and creates the client. The SDK is loaded here, not at start. */
export async function openSession(options: GlobalOptions): Promise<Session> {
  const timeout = whole(options.timeout, '--timeout', 1, 600_000);
  const maxRetries = whole(options.retries, '--retries', 0, 10) ?? DEFAULT_RETRIES;
  if (options.mock) {
    const given = REAL_TENANT_OPTIONS.filter(([key]) => options[key] !== undefined).map(([, flag]) => flag);
    if (given.length > 0) {
      throw new UsageError(
        `--mock runs against the in-process mock tenant and its own app; drop ${given.join(', ')} (or drop --mock).`,
      );
    }
  }
  const [api, auth] = await Promise.all([import('@mmd-sdk/mmd-api'), import('@mmd-sdk/mmd-auth')]);
  const scopes = [auth.MMD_SCOPE];
  const level = process.env.MMD_LOG;
  if (level !== undefined && level !== '' && !isLogLevel(level)) {
    throw new UsageError('MMD_LOG must be off, error, warn, info or debug.');
  }
  // The SDK's lines go to stderr; without MMD_LOG only errors are written.
  const logging = { logger: stderrLogger, ...(process.env.MMD_LOG ? {} : { logLevel: 'error' as const }) };
  // The same bounds for the token request and the API call.
  const limits = {
    maxRetryDelay: 10_000,
    maxRetries,
    ...(timeout !== undefined ? { timeout } : {}),
    ...logging,
  };
  const common: Record<string, unknown> = { ...limits };
  // Node's own fetch rather than the SDK's undici pool: a command makes a few calls, and loading the
  // undici package would cost more start-up time than its pool saves.
  const clientOptions = { fetch: globalThis.fetch, ...limits };
  if (options.mock) {
    const mock = await import('@mmd-sdk/mmd-mock/server');
    // In this process, through the mock's own fetch: no port, no socket, nothing leaves the process.
    const tenant = mock.createMockFetch({ seed: 1, signingKey: mockSigningKey(cacheDirectory()) });
    const credential = new auth.ClientSecretCredential({
      tenantId: mock.MOCK_TENANT_ID,
      clientId: mock.MOCK_CLIENT_ID,
      clientSecret: mock.MOCK_CLIENT_SECRET,
      authorityHost: tenant.url,
      ...common,
      fetch: tenant.fetch,
    });
    const client = api.createMmdClient({
      credential,
      tenantId: mock.MOCK_TENANT_ID,
      baseUrl: tenant.baseUrl,
      ...clientOptions,
      fetch: tenant.fetch,
    });
    return { client, accessToken: await firstToken(credential, scopes) };
  }
  const { profile } = selectProfile(readConfig(), options.profile);
  const encryptionKey = options.tokenCache ? tokenCacheKey() : undefined;
  const directory = encryptionKey !== undefined ? usableTokenDirectory() : undefined;
  if (encryptionKey !== undefined && directory !== undefined) {
    common.cache = { store: auth.createFileTokenStore({ directory, ...logging }), encryptionKey };
  }
  const { credential, tenantId } = await signIn(options, profile, common);
  const accessToken = await firstToken(credential, scopes);
  const baseUrl = options.baseUrl ?? profile.baseUrl ?? process.env.MMD_BASE_URL;
  const client = api.createMmdClient({
    credential,
    ...(tenantId ? { tenantId } : {}),
    ...(baseUrl ? { baseUrl } : {}),
    ...clientOptions,
  });
  return { client, accessToken };
}
