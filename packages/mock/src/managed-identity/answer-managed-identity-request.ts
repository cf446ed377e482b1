import { randomUUID, timingSafeEqual } from 'node:crypto';
import { MMD_RESOURCE } from '../entra/entra-token-service';
import type { IdentitySelector, ManagedIdentities, ManagedIdentity } from '../model/managed-identities';
import type { MockManagedIdentityFailures } from '../model/managed-identity-options';

/** What the managed identity endpoints need from the model. */
export interface ManagedIdentityContext {
  readonly identities: ManagedIdentities;
  /** Signs a token for the identity. */
  issue(identity: ManagedIdentity): { token: string; issuedAt: number; lifetime: number };
  /** Called before an endpoint answers a GET: injected latency and the request count. */
  beforeRequest(): Promise<void>;
  /** The injected failure due now, if any (each call uses one up). */
  takeFailure(): MockManagedIdentityFailures | undefined;
}

/** The IMDS API versions that serve managed identity tokens (2018-02-01 and later), as IMDS documents them. */
const IMDS_API_VERSIONS = new Set([
  '2018-02-01',
  '2018-04-02',
  '2018-10-01',
  '2019-02-01',
  '2019-03-11',
  '2019-04-30',
  '2019-06-01',
  '2019-06-04',
  '2019-08-01',
  '2019-08-15',
  '2019-11-01',
  '2020-06-01',
  '2020-07-15',
  '2020-09-01',
  '2020-10-01',
  '2020-12-01',
  '2021-01-01',
  '2021-02-01',
  '2021-03-01',
  '2021-05-01',
  '2021-08-01',
  '2021-10-01',
  '2021-11-01',
  '2021-11-15',
  '2021-12-13',
]);
const NEWEST_IMDS_VERSIONS = ['2021-12-13', '2021-11-15', '2021-11-01'];
const APP_SERVICE_API_VERSION = '2019-08-01';
/** The query parameter of each kind of user-assigned identity, by endpoint (IMDS takes `mi_res_id` too). */
const IMDS_SELECTORS: ReadonlyArray<readonly [string, IdentitySelector['by']]> = [
  ['client_id', 'clientId'],
  ['object_id', 'objectId'],
  ['msi_res_id', 'resourceId'],
  ['mi_res_id', 'resourceId'],
];
const APP_SERVICE_SELECTORS: ReadonlyArray<readonly [string, IdentitySelector['by']]> = [
  ['client_id', 'clientId'],
  ['principal_id', 'objectId'],
  ['object_id', 'objectId'],
  ['mi_res_id', 'resourceId'],
];

/** An IMDS error: `{ error, error_description }`. */
function imdsError(
  status: number,
  error: string,
  description: string,
  headers: Record<string, string> = {},
): Response {
  return Response.json({ error, error_description: description }, { status, headers });
}

/** An App Service token service error: `{ statusCode, message, correlationId }`. */
function appServiceError(status: number, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ statusCode: status, message, correlationId: randomUUID() }, { status, headers });
}

type ErrorAnswer = (status: number, message: string, headers?: Record<string, string>) => Response;

const FAILURE_MESSAGES: Readonly<Record<MockManagedIdentityFailures['status'], readonly [string, string]>> = {
  410: ['gone', 'The managed identity endpoint is being updated; retry within 70 seconds.'],
  429: ['too_many_requests', 'Too many requests: the managed identity endpoint throttled this request.'],
  500: ['unknown', 'Failed to retrieve token from the Active directory.'],
  503: ['service_unavailable', 'The managed identity endpoint is temporarily unavailable.'],
};

/** The injected failure due now, answered in the endpoint's shape; `undefined` to answer as usual. */
function injectedFailure(
  context: ManagedIdentityContext,
  shape: 'imds' | 'appService',
): Response | undefined {
  const failure = context.takeFailure();
  if (!failure) return undefined;
  const headers: Record<string, string> =
    failure.status === 429 || failure.status === 503
      ? { 'retry-after': String(failure.retryAfterSeconds ?? 1) }
      : {};
  const [error, message] = FAILURE_MESSAGES[failure.status];
  return shape === 'imds'
    ? imdsError(failure.status, error, message, headers)
    : appServiceError(failure.status, message, headers);
}

/** A 405 for anything but GET, with `Allow`. */
function methodNotAllowed(request: Request, answer: ErrorAnswer): Response | undefined {
  if (request.method.toUpperCase() === 'GET') return undefined;
  return answer(405, 'The requested resource does not support this HTTP method; send a GET.', {
    allow: 'GET',
  });
}

/** The query, or the 400 that refuses one naming a parameter twice (IMDS rejects those). */
function singleValuedQuery(request: Request, answer: ErrorAnswer): URLSearchParams | Response {
  const query = new URL(request.url).searchParams;
  const names = [...query.keys()];
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  return repeated === undefined
    ? query
    : answer(400, `The query parameter '${repeated.slice(0, 64)}' is given more than once.`);
}

/** The identity the query names (none: the system-assigned one), or the 400 for naming several. */
function selectorOf(
  query: URLSearchParams,
  parameters: ReadonlyArray<readonly [string, IdentitySelector['by']]>,
  answer: ErrorAnswer,
): IdentitySelector | undefined | Response {
  const given = parameters.filter(([name]) => query.has(name));
  if (given.length > 1) {
    return answer(
      400,
      `Only one of ${parameters.map(([name]) => name).join(', ')} may name the identity; got ${given.map(([name]) => name).join(' and ')}.`,
    );
  }
  const [selected] = given;
  return selected && { by: selected[1], value: query.get(selected[0]) ?? '' };
}

/** Whether `resource` names the MMD API, with or without a trailing slash (or `/.default`). */
function isMmdResource(resource: string): boolean {
  return resource.toLowerCase().replace(/\/(\.default)?$/, '') === MMD_RESOURCE;
}

function unknownResource(resource: string, context: ManagedIdentityContext): string {
  return `AADSTS500011: The resource principal named ${resource.slice(0, 256)} was not found in the tenant named ${context.identities.tenantId}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`;
}

/** How an endpoint words the refusals of `requestedIdentity`. */
interface IdentityRefusals {
  readonly answer: ErrorAnswer;
  readonly noResource: string;
  readonly notFound: string;
  readonly unknownResource: (message: string) => Response;
}

/**
 * The identity and resource a token request names (no identity parameter: the system-assigned one),
 * or the 400 that refuses it: no resource, several identity parameters, an identity the resource does
 * not have, a resource other than the MMD API's.
 */
function requestedIdentity(
  query: URLSearchParams,
  selectors: ReadonlyArray<readonly [string, IdentitySelector['by']]>,
  context: ManagedIdentityContext,
  refusals: IdentityRefusals,
): { identity: ManagedIdentity; resource: string } | Response {
  const resource = query.get('resource');
  if (!resource) return refusals.answer(400, refusals.noResource);
  const selector = selectorOf(query, selectors, refusals.answer);
  if (selector instanceof Response) return selector;
  const identity = context.identities.find(selector);
  if (!identity) return refusals.answer(400, refusals.notFound);
  if (!isMmdResource(resource)) return refusals.unknownResource(unknownResource(resource, context));
  return { identity, resource };
}

/**
 * Answers IMDS's `GET /metadata/identity/oauth2/token?api-version=…&resource=…` with header
 * `Metadata: true`, as IMDS does: a token for the system-assigned identity, or for the user-assigned
 * one `client_id`, `object_id` or `msi_res_id` names; IMDS's `{ error, error_description }` otherwise.
 */
export async function answerImdsRequest(
  request: Request,
  context: ManagedIdentityContext,
): Promise<Response> {
  const answer: ErrorAnswer = (status, message, headers) =>
    imdsError(status, 'invalid_request', message, headers);
  const refused = methodNotAllowed(request, answer);
  if (refused) return refused;
  await context.beforeRequest();
  const failure = injectedFailure(context, 'imds');
  if (failure) return failure;
  if (request.headers.has('x-forwarded-for')) {
    return answer(400, 'Request contains X-Forwarded-For header: IMDS answers no requests through a proxy.');
  }
  if (request.headers.get('metadata') !== 'true')
    return answer(400, 'Required metadata header not specified');
  const query = singleValuedQuery(request, answer);
  if (query instanceof Response) return query;
  const apiVersion = query.get('api-version');
  if (apiVersion === null || !IMDS_API_VERSIONS.has(apiVersion)) {
    const problem = apiVersion === null ? 'was not specified in the request' : 'is invalid';
    return Response.json(
      {
        error: `Bad request. api-version ${problem}. For more information refer to aka.ms/azureimds`,
        'newest-versions': NEWEST_IMDS_VERSIONS,
      },
      { status: 400 },
    );
  }
  const requested = requestedIdentity(query, IMDS_SELECTORS, context, {
    answer,
    noResource: "Required query variable 'resource' is missing",
    notFound: 'Identity not found',
    unknownResource: (message) => imdsError(400, 'invalid_resource', message),
  });
  if (requested instanceof Response) return requested;
  const { identity, resource } = requested;
  const { token, issuedAt, lifetime } = context.issue(identity);
  return Response.json({
    access_token: token,
    client_id: identity.clientId,
    expires_in: String(lifetime),
    expires_on: String(issuedAt + lifetime),
    ext_expires_in: String(lifetime),
    not_before: String(issuedAt),
    resource,
    token_type: 'Bearer',
  });
}

/** Compares the header a request carries with the secret, in constant time. */
function carriesSecret(request: Request, secret: string): boolean {
  const given = Buffer.from(request.headers.get('x-identity-header') ?? '');
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Answers App Service's `GET {IDENTITY_ENDPOINT}?resource=…&api-version=2019-08-01` with header
 * `X-IDENTITY-HEADER: {IDENTITY_HEADER}`, as App Service does: a token for the system-assigned
 * identity, or the user-assigned one `client_id`, `principal_id` (`object_id`) or `mi_res_id` names;
 * its `{ statusCode, message, correlationId }` otherwise. The secret is never echoed.
 */
export async function answerAppServiceRequest(
  request: Request,
  identityHeader: string,
  context: ManagedIdentityContext,
): Promise<Response> {
  const refused = methodNotAllowed(request, appServiceError);
  if (refused) return refused;
  await context.beforeRequest();
  const failure = injectedFailure(context, 'appService');
  if (failure) return failure;
  if (!carriesSecret(request, identityHeader)) {
    return appServiceError(
      401,
      'The X-IDENTITY-HEADER header is missing or is not the value of IDENTITY_HEADER.',
    );
  }
  const query = singleValuedQuery(request, appServiceError);
  if (query instanceof Response) return query;
  const apiVersion = query.get('api-version');
  if (apiVersion !== APP_SERVICE_API_VERSION) {
    return appServiceError(
      400,
      `${apiVersion === null ? 'The api-version query parameter is required' : 'This api-version is not supported'}: use api-version=${APP_SERVICE_API_VERSION}.`,
    );
  }
  const requested = requestedIdentity(query, APP_SERVICE_SELECTORS, context, {
    answer: appServiceError,
    noResource: 'The resource query parameter is required.',
    notFound: 'Unable to load the proper Managed Identity.',
    unknownResource: (message) => appServiceError(400, message),
  });
  if (requested instanceof Response) return requested;
  const { identity, resource } = requested;
  const { token, issuedAt, lifetime } = context.issue(identity);
  return Response.json({
    access_token: token,
    expires_on: String(issuedAt + lifetime),
    resource,
    token_type: 'Bearer',
    client_id: identity.clientId,
  });
}
