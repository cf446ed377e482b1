import { checkKnownKeys, checkOptionsObject } from '@mmd-sdk/core';
import { identityEndpoint, userAssignedIdentity } from '../managed-identity/identity-endpoint';
import { ManagedIdentityIssuer } from '../managed-identity/managed-identity-issuer';
import {
  MANAGED_IDENTITY_OPTION_NAMES,
  type ManagedIdentityCredentialOptions,
} from '../managed-identity/managed-identity-options';
import type { AccessToken, GetTokenOptions, TokenCredential } from '../shared/types';
import { resolveCommonSettings } from './check-options';
import { COMMON_OPTION_NAMES } from './common-options';
import { TokenClient } from './token-client';

const OPTION_NAMES = [
  ...MANAGED_IDENTITY_OPTION_NAMES,
  ...COMMON_OPTION_NAMES.filter((name) => name !== 'authorityHost'),
];

/** `@azure/identity`'s `(clientId, options?)` or the options form `(options?, environment?)`, as one options object. */
function readArguments(args: readonly unknown[]): {
  options: ManagedIdentityCredentialOptions;
  environment: NodeJS.ProcessEnv;
} {
  const [first, second] = args;
  const fix = 'pass { clientId | objectId | resourceId, … }, or nothing for the system-assigned identity';
  if (typeof first === 'string') {
    const rest = checkOptionsObject(second, 'options', fix);
    return { options: { ...rest, clientId: first }, environment: process.env };
  }
  const options = checkOptionsObject(first, 'options', fix);
  const environment = checkOptionsObject(
    second,
    'environment',
    'pass an object of variables such as process.env',
  );
  // Each variable is checked to be a string when read.
  return { options, environment: second === undefined ? process.env : (environment as NodeJS.ProcessEnv) };
}

/**
 * Gets tokens for the managed identity of the Azure resource the code runs on, with no secret to
 * keep: IMDS on VMs, scale sets and AKS (`GET http://169.254.169.254/metadata/identity/oauth2/token`,
 * header `Metadata: true`), or the App Service / Functions endpoint (`IDENTITY_ENDPOINT` with the
 * `IDENTITY_HEADER` secret). The system-assigned identity unless `clientId`, `objectId` or
 * `resourceId` names a user-assigned one. Cached, single-flight, bounded and retried like the other
 * credentials (IMDS's 404, 410, 429 and 5xx included). Nothing is sent until the first `getToken`.
 */
export class ManagedIdentityCredential implements TokenCredential {
  /** Which endpoint is asked: `IMDS` or `App Service`. */
  readonly source: 'IMDS' | 'App Service';
  /** The endpoint's origin, such as `http://169.254.169.254`. */
  readonly endpoint: string;
  /** The user-assigned identity asked for (`{ clientId }`, `{ objectId }` or `{ resourceId }`), or `'system-assigned'`. */
  readonly identity:
    | Readonly<Partial<Record<'clientId' | 'objectId' | 'resourceId', string>>>
    | 'system-assigned';
  // Private fields are never shown by util.inspect or JSON.stringify: these show the identifiers above.
  readonly #client: TokenClient;

  /**
   * @param options which identity (none: the system-assigned one), `imdsEndpoint`, and the common options.
   * @param environment where to read `IDENTITY_ENDPOINT`, `IDENTITY_HEADER`, `AZURE_POD_IDENTITY_AUTHORITY_HOST` and `MMD_TOKEN_CACHE_KEY`.
   * @default environment process.env
   */
  constructor(options?: ManagedIdentityCredentialOptions, environment?: NodeJS.ProcessEnv);
  /** `@azure/identity`'s form: the client ID of a user-assigned identity, then the options. */
  constructor(clientId: string, options?: Omit<ManagedIdentityCredentialOptions, 'clientId'>);
  constructor(...args: unknown[]) {
    const { options, environment } = readArguments(args);
    checkKnownKeys(options as Record<string, unknown>, OPTION_NAMES, 'options');
    const identity = userAssignedIdentity(options);
    const endpoint = identityEndpoint(options, identity, environment);
    const settings = resolveCommonSettings(options, environment);
    this.source = endpoint.source;
    this.endpoint = endpoint.url.origin;
    this.identity = identity ? Object.freeze({ [identity.option]: identity.value }) : 'system-assigned';
    this.#client = new TokenClient(
      {
        credential: 'ManagedIdentityCredential',
        kind: 'managed-identity',
        tenantId: undefined,
        clientId: identity?.option === 'clientId' ? identity.value : undefined,
        serverAddress: endpoint.url.hostname,
        keyPrefix: `${endpoint.url.href}|${identity ? `${identity.option}=${identity.value}` : 'system'}`,
      },
      settings,
      new ManagedIdentityIssuer(endpoint, settings.requests),
    );
  }

  /**
   * Gets a token for the scope, from the cache when it can.
   * @param scopes one `"<resource>/.default"` scope; defaults to `MMD_SCOPE`.
   */
  getToken(scopes?: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
    return this.#client.getToken(scopes, options);
  }
}
