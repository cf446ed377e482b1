import { describeValue, isGuid, MmdConfigurationError } from '@mmd-sdk/core';
import { readVariable } from '../shared/environment';
import type { ManagedIdentityCredentialOptions } from './managed-identity-options';

/** Which user-assigned identity a request names (as its query parameter), or none for the system-assigned one. */
export interface UserAssignedIdentity {
  /** `clientId`, `objectId` or `resourceId`: the option it came from. */
  readonly option: 'clientId' | 'objectId' | 'resourceId';
  readonly value: string;
}

/** A managed identity endpoint: where to ask, how, and what must never be shown of it. */
export interface IdentityEndpoint {
  /** `IMDS` (VMs, scale sets, AKS) or `App Service` (App Service, Functions, Container Apps). */
  readonly source: 'IMDS' | 'App Service';
  /** The token URL for `resource`, the identity's parameters included. */
  tokenUrl(resource: string): string;
  /** The headers every request carries: `Metadata: true`, or App Service's `X-IDENTITY-HEADER`. */
  readonly headers: Readonly<Record<string, string>>;
  /** The endpoint without a query, for printouts and `server.address`. */
  readonly url: URL;
  /** Values to scrub from errors and log lines: App Service's header secret. */
  readonly secrets: readonly string[];
}

const DEFAULT_IMDS = 'http://169.254.169.254';
const IMDS_PATH = '/metadata/identity/oauth2/token';
const IMDS_API_VERSION = '2018-02-01';
const APP_SERVICE_API_VERSION = '2019-08-01';
/** The query parameter of each kind of user-assigned identity, by source. */
const ID_PARAMETERS = {
  IMDS: { clientId: 'client_id', objectId: 'object_id', resourceId: 'msi_res_id' },
  'App Service': { clientId: 'client_id', objectId: 'object_id', resourceId: 'mi_res_id' },
} as const;
/** Why `IDENTITY_ENDPOINT` alone is refused: `createDefaultCredential` quotes it too. */
export const APP_SERVICE_WITHOUT_HEADER =
  'IDENTITY_ENDPOINT is set without IDENTITY_HEADER; App Service, Functions and Container Apps set both, so set IDENTITY_HEADER too (or unset IDENTITY_ENDPOINT, or pass imdsEndpoint to ask IMDS).';
const RESOURCE_ID = /^\/subscriptions\/[^\s?#]{1,1000}$/i;

/**
 * An endpoint URL from an option or a variable: http (IMDS and App Service's local endpoint are plain
 * http by design) or https, without credentials, query or fragment.
 */
function parseEndpoint(value: string, option: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (
    !url ||
    !['http:', 'https:'].includes(url.protocol) ||
    url.username ||
    url.password ||
    url.search ||
    url.hash
  ) {
    throw new MmdConfigurationError(
      option,
      `${option} must be an http or https URL without credentials, query or fragment, such as ${DEFAULT_IMDS}.`,
    );
  }
  return url;
}

/** The user-assigned identity the options name: at most one of `clientId`, `objectId`, `resourceId`. */
export function userAssignedIdentity(
  options: ManagedIdentityCredentialOptions,
): UserAssignedIdentity | undefined {
  const given = (['clientId', 'objectId', 'resourceId'] as const).filter(
    (option) => options[option] !== undefined,
  );
  if (given.length > 1) {
    throw new MmdConfigurationError(
      given[1] ?? 'clientId',
      `pass at most one of clientId, objectId and resourceId to name a user-assigned identity (got ${given.join(' and ')}).`,
    );
  }
  const option = given[0];
  if (option === undefined) return undefined;
  const value = options[option];
  const valid =
    option === 'resourceId' ? typeof value === 'string' && RESOURCE_ID.test(value) : isGuid(value);
  if (!valid) {
    throw new MmdConfigurationError(
      option,
      option === 'resourceId'
        ? `resourceId must be the identity's Azure resource ID, /subscriptions/…/providers/Microsoft.ManagedIdentity/userAssignedIdentities/… (got ${describeValue(value)}).`
        : `${option} must be the ${option === 'clientId' ? 'client' : 'object (principal)'} ID of a user-assigned managed identity, a GUID from its Overview page (got ${describeValue(value)}).`,
    );
  }
  return { option, value: value as string };
}

/**
 * Where the managed identity asks: IMDS at `imdsEndpoint` when given; App Service where both
 * `IDENTITY_ENDPOINT` and `IDENTITY_HEADER` are set; else IMDS at `AZURE_POD_IDENTITY_AUTHORITY_HOST`
 * or 169.254.169.254, as MSAL Node and `@azure/identity` choose.
 */
export function identityEndpoint(
  options: ManagedIdentityCredentialOptions,
  identity: UserAssignedIdentity | undefined,
  environment: NodeJS.ProcessEnv,
): IdentityEndpoint {
  const appServiceUrl = readVariable(environment, 'IDENTITY_ENDPOINT');
  const appServiceSecret = readVariable(environment, 'IDENTITY_HEADER');
  if (options.imdsEndpoint === undefined && appServiceUrl && !appServiceSecret) {
    // Never IMDS instead: the variable says this is not a VM, and the request would hang or go astray.
    throw new MmdConfigurationError('IDENTITY_HEADER', APP_SERVICE_WITHOUT_HEADER);
  }
  if (options.imdsEndpoint === undefined && appServiceUrl && appServiceSecret) {
    const url = parseEndpoint(appServiceUrl, 'IDENTITY_ENDPOINT');
    return {
      source: 'App Service',
      url,
      headers: { 'x-identity-header': appServiceSecret },
      secrets: [appServiceSecret],
      tokenUrl: (resource) =>
        withQuery(url, 'App Service', { resource, 'api-version': APP_SERVICE_API_VERSION }, identity),
    };
  }
  const [base, option] =
    options.imdsEndpoint !== undefined
      ? [options.imdsEndpoint, 'imdsEndpoint']
      : [
          readVariable(environment, 'AZURE_POD_IDENTITY_AUTHORITY_HOST') ?? DEFAULT_IMDS,
          'AZURE_POD_IDENTITY_AUTHORITY_HOST',
        ];
  if (typeof base !== 'string') {
    throw new MmdConfigurationError(
      option,
      `${option} must be a URL such as ${DEFAULT_IMDS} (got ${describeValue(base)}).`,
    );
  }
  const root = parseEndpoint(base, option);
  const url = new URL(`${root.origin}${root.pathname.replace(/\/+$/, '')}${IMDS_PATH}`);
  return {
    source: 'IMDS',
    url,
    headers: { metadata: 'true' },
    secrets: [],
    tokenUrl: (resource) => withQuery(url, 'IMDS', { 'api-version': IMDS_API_VERSION, resource }, identity),
  };
}

function withQuery(
  url: URL,
  source: IdentityEndpoint['source'],
  parameters: Record<string, string>,
  identity: UserAssignedIdentity | undefined,
): string {
  const query = new URLSearchParams(parameters);
  if (identity) query.set(ID_PARAMETERS[source][identity.option], identity.value);
  return `${url.href}?${query}`;
}
