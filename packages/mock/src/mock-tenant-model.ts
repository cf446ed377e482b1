import { EntraTokenService } from './entra-token-service';
import { MmdApiOperations } from './mmd-api-operations';
import { routeApiRequest } from './mmd-api-router';
import {
  DEFAULT_ENABLED_PROFILES,
  defaultTenants,
  type MockFaults,
  type MockTenantOptions,
} from './mock-options';
import type { MockTenantData } from './mock-tenant-data';
import { SeededRandom } from './random';
import { createSeedData } from './seed-data';

/** Request counts, for tests that assert how many calls a client made. */
export interface MockStats {
  tokenRequests: number;
  apiRequests: number;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The stateful model behind both the MSW handlers and the local server: the tenants' data, the
 * Entra token endpoint, the 15 operations, and the fault knobs.
 */
export class MockTenantModel {
  /** The modelled tenants; their data can be read and changed directly in tests. */
  readonly tenants: MockTenantData[];
  /** The faults in force; change them at any time. */
  faults: MockFaults;
  /** Lifetime of newly issued tokens, in seconds. */
  tokenLifetimeSeconds: number;
  readonly stats: MockStats = { tokenRequests: 0, apiRequests: 0 };
  readonly #entra: EntraTokenService;
  readonly #operations = new Map<string, MmdApiOperations>();
  readonly #faultRandom: SeededRandom;

  constructor(options: MockTenantOptions = {}) {
    const seed = options.seed ?? 1;
    const dataDate = options.dataDate ?? new Date('2026-11-01T09:00:00Z');
    this.faults = { ...options.faults };
    this.tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 3599;
    this.#faultRandom = new SeededRandom(seed ^ 0x5eed);
    this.tenants = (options.tenants ?? defaultTenants()).map((config, index) => {
      const enabledProfiles = [...(config.enabledProfiles ?? DEFAULT_ENABLED_PROFILES)];
      const data = createSeedData({
        tenantId: config.tenantId,
        domain: config.domain,
        seed: seed + index * 7919,
        deviceCount: config.deviceCount ?? options.deviceCount ?? 50,
        ticketCount: config.ticketCount ?? options.ticketCount ?? 8,
        elevationRequestCount: config.elevationRequestCount ?? options.elevationRequestCount ?? 4,
        enabledProfiles,
        now: dataDate,
      });
      const tenant: MockTenantData = {
        tenantId: config.tenantId,
        domain: config.domain,
        apps: config.apps,
        enabledProfiles,
        devices: data.devices,
        users: new Map(data.users.map((user) => [user.upn, user])),
        tickets: data.tickets,
        elevationRequests: data.elevationRequests,
        elevatedAccounts: data.elevatedAccounts,
      };
      this.#operations.set(
        config.tenantId.toLowerCase(),
        new MmdApiOperations(tenant, new SeededRandom(seed + index + 101), () => new Date()),
      );
      return tenant;
    });
    this.#entra = new EntraTokenService(
      (idOrDomain) => this.findTenant(idOrDomain),
      () => this.tokenLifetimeSeconds,
      options.signingKey,
    );
  }

  /** The tenant with this ID or domain. */
  findTenant(idOrDomain: string): MockTenantData | undefined {
    const wanted = idOrDomain.toLowerCase();
    return this.tenants.find(
      (tenant) => tenant.tenantId.toLowerCase() === wanted || tenant.domain.toLowerCase() === wanted,
    );
  }

  /**
   * Answers a request to the authority host (`path` from its root): the token endpoint, the OpenID
   * configuration, instance discovery and the signing keys. `undefined` for any other path.
   */
  async handleAuthority(request: Request, path: string): Promise<Response | undefined> {
    const origin = new URL(request.url).origin;
    const method = request.method.toUpperCase();
    const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path);
    if (token && method === 'POST') {
      await this.#delay();
      this.stats.tokenRequests++;
      const tenant = decodeURIComponent(token[1] as string);
      return this.#entra.issue(
        tenant,
        new URLSearchParams(await request.text()),
        `${origin}/${token[1]}/oauth2/v2.0/token`,
      );
    }
    const openid = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(path);
    if (openid && method === 'GET')
      return this.#openIdConfiguration(origin, decodeURIComponent(openid[1] as string));
    if (/^\/[^/]+\/discovery\/v2\.0\/keys$/.test(path) && method === 'GET') return this.#entra.jwks();
    if (/^\/common\/discovery\/instance$/.test(path) && method === 'GET') {
      const host = new URL(origin).host;
      return Response.json({
        tenant_discovery_endpoint: `${origin}/{tenant}/v2.0/.well-known/openid-configuration`,
        'api-version': '1.1',
        metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
      });
    }
    return undefined;
  }

  /** Answers a request to the MMD API (`path` below `/support/odata/v1`). */
  async handleApi(request: Request, path: string): Promise<Response> {
    await this.#delay();
    this.stats.apiRequests++;
    const fault = this.#injectedFault();
    if (fault) return fault;
    return routeApiRequest(request, path, {
      verifyToken: (token) => this.#entra.verify(token),
      operationsFor: (tenantId) => this.#operations.get(tenantId.toLowerCase()),
    });
  }

  #openIdConfiguration(origin: string, tenantSegment: string): Response {
    const tenant = this.findTenant(tenantSegment);
    if (!tenant) {
      return Response.json(
        {
          error: 'invalid_tenant',
          error_description: `AADSTS90002: Tenant '${tenantSegment}' not found.`,
          error_codes: [90002],
        },
        { status: 400 },
      );
    }
    const base = `${origin}/${tenant.tenantId}`;
    return Response.json({
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${origin}/${tenant.tenantId}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${origin}/${tenant.tenantId}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${origin}/oidc/userinfo`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'tid', 'ver'],
      kerberos_endpoint: `${base}/kerberos`,
      tenant_region_scope: 'NA',
      cloud_instance_name: new URL(origin).host,
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
      rbac_url: 'https://pas.windows.net',
    });
  }

  async #delay(): Promise<void> {
    const latency = this.faults.latencyMs;
    if (latency === undefined) return;
    const ms =
      typeof latency === 'number'
        ? latency
        : latency[0] + this.#faultRandom.next() * (latency[1] - latency[0]);
    if (ms > 0) await sleep(ms);
  }

  #injectedFault(): Response | undefined {
    const retryAfter = String(this.faults.retryAfterSeconds ?? 1);
    const roll = this.#faultRandom.next();
    const rateLimit = this.faults.rateLimitRate ?? 0;
    const serverError = this.faults.serverErrorRate ?? 0;
    if (roll < rateLimit) {
      return Response.json(
        {
          error: {
            code: '429',
            message: 'Too many requests. Retry after the time in the Retry-After header.',
          },
        },
        { status: 429, headers: { 'retry-after': retryAfter } },
      );
    }
    if (roll < rateLimit + serverError) {
      const unavailable = this.#faultRandom.next() < 0.5;
      return Response.json(
        {
          error: {
            code: unavailable ? '503' : '500',
            message: unavailable ? 'The service is temporarily unavailable.' : 'An internal error occurred.',
          },
        },
        { status: unavailable ? 503 : 500, headers: unavailable ? { 'retry-after': retryAfter } : {} },
      );
    }
    return undefined;
  }
}
