import { type HttpCustomPredicate, http, type PathParams, type RequestHandler } from 'msw';
import {
  type MockManagedIdentityEndpoints,
  newIdentityHeader,
} from '../managed-identity/managed-identity-endpoints';
import {
  DEFAULT_MSW_IDENTITY_ENDPOINT,
  IMDS_ORIGIN,
  IMDS_TOKEN_PATH,
} from '../managed-identity/managed-identity-routes';
import { MOCK_CLIENT_ID, MOCK_CLIENT_SECRET, MOCK_TENANT_ID } from '../model/default-tenant';
import { MockTenantModel } from '../model/mock-tenant-model';
import type { MockTenantOptions } from '../model/mock-tenant-options';
import { checkHandlersOptions } from './check-handler-options';

/** Options of `createMockTenant`: the model's, plus the hosts to answer on. */
export interface MockTenantHandlersOptions extends MockTenantOptions {
  /**
   * The Entra ID authority host the handlers answer on.
   * @default "https://login.microsoftonline.com"
   */
  authorityHost?: string;
  /**
   * The MMD API base URL the handlers answer on.
   * @default "https://mmdls.microsoft.com/support/odata/v1"
   */
  baseUrl?: string;
  /**
   * App Service's token URL the handlers answer on (the value for `IDENTITY_ENDPOINT`). IMDS is always
   * answered on http://169.254.169.254/metadata/identity/oauth2/token.
   * @default "http://127.0.0.1:41564/msi/token"
   */
  identityEndpoint?: string;
}

/** A mock tenant as MSW handlers, with its model for assertions and fault knobs. */
export interface MockTenant {
  /** Pass these to `setupServer(...handlers)` or `server.use(...handlers)`. */
  readonly handlers: RequestHandler[];
  /** The stateful model: tenants' data, `faults`, `tokenLifetimeSeconds`, `stats`. */
  readonly model: MockTenantModel;
  /** The first tenant's ID and the credentials its app accepts (the defaults unless `tenants` was given). */
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string | undefined;
  readonly authorityHost: string;
  readonly baseUrl: string;
  /**
   * The managed identity endpoints the handlers answer (IMDS on 169.254.169.254, App Service on
   * `identityEndpoint` with the secret `identityHeader`) and the identities they issue tokens for.
   */
  readonly managedIdentity: MockManagedIdentityEndpoints;
}

/**
 * Matches the requests below `origin` + `path`. A predicate rather than a path pattern: msw decodes
 * a pattern's wildcard and throws on a malformed escape (`%zz`) before the mock could answer 400.
 */
function below(origin: string, path: string): HttpCustomPredicate<PathParams> {
  return ({ request }) => {
    const url = new URL(request.url);
    return url.origin === origin && url.pathname.startsWith(`${path}/`);
  };
}

/**
 * Creates a stateful mock MMD tenant as MSW handlers: the Entra token endpoint (with OpenID metadata
 * for `@azure/identity`) on `authorityHost`, the 15 MMD operations on `baseUrl`, and the managed
 * identity endpoints: IMDS on 169.254.169.254 and App Service on `identityEndpoint`.
 * @throws MockConfigurationError when an option is missing or malformed, before anything is built.
 */
export function createMockTenant(options: MockTenantHandlersOptions = {}): MockTenant {
  const checked = checkHandlersOptions(options, {
    authorityHost: 'https://login.microsoftonline.com',
    baseUrl: 'https://mmdls.microsoft.com/support/odata/v1',
    identityEndpoint: DEFAULT_MSW_IDENTITY_ENDPOINT,
  });
  const authority = checked.authorityHost;
  const api = checked.baseUrl;
  const authorityPath = authority.pathname.replace(/\/+$/, '');
  const apiPath = api.pathname.replace(/\/+$/, '');
  const model = new MockTenantModel(checked.tenant);
  const identityHeader = newIdentityHeader();
  const identityEndpoint = checked.identityEndpoint;
  // Matched before anything connects: a test that uses these handlers never sends a packet to IMDS.
  const at =
    (url: URL): HttpCustomPredicate<PathParams> =>
    ({ request }) => {
      const target = new URL(request.url);
      return target.origin === url.origin && target.pathname === url.pathname;
    };
  const handlers = [
    http.all(at(new URL(`${IMDS_ORIGIN}${IMDS_TOKEN_PATH}`)), ({ request }) =>
      model.handleManagedIdentity(request, { kind: 'imds' }),
    ),
    http.all(at(identityEndpoint), ({ request }) =>
      model.handleManagedIdentity(request, { kind: 'appService', identityHeader }),
    ),
    http.all(below(authority.origin, authorityPath), async ({ request }) => {
      const path = new URL(request.url).pathname.slice(authorityPath.length);
      return model.handleAuthority(request, path);
    }),
    http.all(below(api.origin, apiPath), ({ request }) =>
      model.handleApi(request, new URL(request.url).pathname.slice(apiPath.length)),
    ),
  ];
  const [first] = model.tenants;
  const app = first?.apps[0];
  return {
    handlers,
    model,
    tenantId: first?.tenantId ?? MOCK_TENANT_ID,
    clientId: app?.clientId ?? MOCK_CLIENT_ID,
    clientSecret: checked.tenant.tenants ? app?.clientSecret : MOCK_CLIENT_SECRET,
    authorityHost: `${authority.origin}${authorityPath}`,
    baseUrl: `${api.origin}${apiPath}`,
    managedIdentity: {
      ...model.managedIdentity,
      imdsEndpoint: IMDS_ORIGIN,
      imdsTokenUrl: `${IMDS_ORIGIN}${IMDS_TOKEN_PATH}`,
      identityEndpoint: `${identityEndpoint.origin}${identityEndpoint.pathname}`,
      identityHeader,
    },
  };
}
