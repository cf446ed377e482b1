import { http, type RequestHandler } from 'msw';
import { MOCK_CLIENT_ID, MOCK_CLIENT_SECRET, MOCK_TENANT_ID, type MockTenantOptions } from './mock-options';
import { MockTenantModel } from './mock-tenant-model';

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
}

/**
 * Creates a stateful mock MMD tenant as MSW handlers: the Entra token endpoint (with OpenID metadata
 * for `@azure/identity`) on `authorityHost` and the 15 MMD operations on `baseUrl`.
 */
export function createMockTenant(options: MockTenantHandlersOptions = {}): MockTenant {
  const authority = new URL(options.authorityHost ?? 'https://login.microsoftonline.com');
  const api = new URL(options.baseUrl ?? 'https://mmdls.microsoft.com/support/odata/v1');
  const authorityPath = authority.pathname.replace(/\/+$/, '');
  const apiPath = api.pathname.replace(/\/+$/, '');
  const model = new MockTenantModel(options);
  const handlers = [
    http.all(`${authority.origin}${authorityPath}/*`, async ({ request }) => {
      const path = new URL(request.url).pathname.slice(authorityPath.length);
      return model.handleAuthority(request, path);
    }),
    http.all(`${api.origin}${apiPath}/*`, ({ request }) =>
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
    clientSecret: options.tenants ? app?.clientSecret : MOCK_CLIENT_SECRET,
    authorityHost: `${authority.origin}${authorityPath}`,
    baseUrl: `${api.origin}${apiPath}`,
  };
}
