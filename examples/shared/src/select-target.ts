import {
  ClientSecretCredential,
  EnvironmentCredential,
  type Logger,
  type TokenCredential,
} from '@mmd-sdk/mmd-auth';
import {
  MOCK_CLIENT_ID,
  MOCK_CLIENT_SECRET,
  MOCK_TENANT_ID,
  startMockServer,
} from '@mmd-sdk/mmd-mock/server';

export const MMD_BASE_URL = 'https://mmdls.microsoft.com/support/odata/v1';

/** Where an example runs: the built-in mock tenant, or a real tenant from `AZURE_*` variables. */
export interface Target {
  readonly kind: 'mock' | 'tenant';
  readonly tenantId: string;
  readonly credential: TokenCredential;
  /** The API base URL to give `createMmdClient`. */
  readonly baseUrl: string;
  /** One line saying which target this is, printed first by every example. */
  readonly description: string;
  /** Stops the mock server this example started, if any. */
  close(): Promise<void>;
}

/** Whether the `AZURE_*` variables name a real tenant and a way to authenticate to it. */
export function hasRealTenant(environment: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(
    environment.AZURE_TENANT_ID &&
      environment.AZURE_CLIENT_ID &&
      (environment.AZURE_CLIENT_SECRET ||
        environment.AZURE_CLIENT_CERTIFICATE_PATH ||
        environment.AZURE_FEDERATED_TOKEN_FILE),
  );
}

/** Options of `selectTarget` and `runExample`. */
export interface TargetOptions {
  /** Where the credential writes its log lines. @default console */
  readonly logger?: Logger;
}

/**
 * A real tenant when `AZURE_TENANT_ID`, `AZURE_CLIENT_ID` and a secret, certificate or federated token
 * file are set; otherwise the mock tenant at `MMD_MOCK_URL` (as `pnpm demo` starts it), or one started
 * here on a free loopback port.
 */
export async function selectTarget(options: TargetOptions = {}): Promise<Target> {
  const logging = options.logger ? { logger: options.logger } : {};
  if (hasRealTenant()) {
    const tenantId = process.env.AZURE_TENANT_ID as string;
    return {
      kind: 'tenant',
      tenantId,
      credential: new EnvironmentCredential(logging),
      baseUrl: process.env.MMD_BASE_URL ?? MMD_BASE_URL,
      description: `Target: real tenant ${tenantId} (AZURE_* variables), API ${process.env.MMD_BASE_URL ?? MMD_BASE_URL}`,
      close: async () => {},
    };
  }
  const shared = process.env.MMD_MOCK_URL;
  const server = shared ? undefined : await startMockServer();
  const origin = shared ?? (server?.url as string);
  return {
    kind: 'mock',
    tenantId: MOCK_TENANT_ID,
    credential: new ClientSecretCredential({
      tenantId: MOCK_TENANT_ID,
      clientId: MOCK_CLIENT_ID,
      clientSecret: MOCK_CLIENT_SECRET,
      authorityHost: origin,
      ...logging,
    }),
    baseUrl: `${origin}/support/odata/v1`,
    description: `Target: built-in mock tenant at ${origin} (set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET for a real tenant)`,
    close: async () => server?.close(),
  };
}

/** Examples that write (tickets, elevation requests) ask for `--confirm` before touching a real tenant. */
export function assertWriteAllowed(target: Target, what: string): void {
  if (target.kind === 'tenant' && !process.argv.includes('--confirm')) {
    throw new Error(
      `This example would ${what} in the real tenant ${target.tenantId}; run it again with --confirm to do so.`,
    );
  }
}
