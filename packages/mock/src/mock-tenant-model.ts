import { ApiFailure } from './api-failure';
import { answerAuthorityRequest } from './authority-handler';
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
import { MAX_URL_LENGTH } from './request-limits';
import { createSeedData } from './seed-data';
import { validateFaults, validateTenantOptions, validateTokenLifetime } from './validate-mock-options';

/** Request counts, for tests that assert how many calls a client made. */
export interface MockStats {
  tokenRequests: number;
  apiRequests: number;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The 414 answer to a request target (path and query) over `MAX_URL_LENGTH` characters. */
function refuseOverlongUrl(request: Request): Response | undefined {
  const url = new URL(request.url);
  const length = url.pathname.length + url.search.length;
  if (length <= MAX_URL_LENGTH) return undefined;
  return ApiFailure.odata(
    414,
    `The request URI is ${length} characters long; the mock reads at most ${MAX_URL_LENGTH}.`,
  ).toResponse();
}

/**
 * The stateful model behind both the MSW handlers and the local server: the tenants' data, the
 * Entra token endpoint, the 15 operations, and the fault knobs.
 */
export class MockTenantModel {
  /** The modelled tenants; their data can be read and changed directly in tests. */
  readonly tenants: MockTenantData[];
  readonly stats: MockStats = { tokenRequests: 0, apiRequests: 0 };
  #faults: MockFaults;
  #tokenLifetimeSeconds: number;
  readonly #entra: EntraTokenService;
  readonly #operations = new Map<string, MmdApiOperations>();
  readonly #faultRandom: SeededRandom;

  /** @throws MockConfigurationError when an option is missing or malformed, before anything is built. */
  constructor(given: MockTenantOptions = {}) {
    const options = validateTenantOptions(given);
    const seed = options.seed ?? 1;
    const dataDate = options.dataDate ?? new Date('2026-11-01T09:00:00Z');
    this.#faults = options.faults ? validateFaults(options.faults) : {};
    this.#tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 3599;
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
      () => this.#tokenLifetimeSeconds,
      options.signingKey,
    );
  }

  /**
   * The faults in force; assign new ones at any time (they are checked as the `faults` option is, and
   * a malformed one throws `MockConfigurationError`).
   */
  get faults(): MockFaults {
    return this.#faults;
  }

  set faults(value: MockFaults) {
    this.#faults = validateFaults(value);
  }

  /** Lifetime of newly issued tokens, in seconds (a whole number from 1 to 86400); change it at any time. */
  get tokenLifetimeSeconds(): number {
    return this.#tokenLifetimeSeconds;
  }

  set tokenLifetimeSeconds(value: number) {
    this.#tokenLifetimeSeconds = validateTokenLifetime(value, { required: true });
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
   * configuration, instance discovery and the signing keys. `undefined` for any other path. Never
   * throws for what a client sends: hostile requests get a 4xx.
   */
  async handleAuthority(request: Request, path: string): Promise<Response | undefined> {
    const overlong = refuseOverlongUrl(request);
    if (overlong) return overlong;
    return answerAuthorityRequest(request, path, {
      entra: this.#entra,
      findTenant: (idOrDomain) => this.findTenant(idOrDomain),
      beforeTokenRequest: async () => {
        await this.#delay();
        this.stats.tokenRequests++;
      },
    });
  }

  /**
   * Answers a request to the MMD API (`path` below `/support/odata/v1`). Never throws for what a
   * client sends: hostile requests get a 4xx.
   */
  async handleApi(request: Request, path: string): Promise<Response> {
    const overlong = refuseOverlongUrl(request);
    if (overlong) return overlong;
    await this.#delay();
    this.stats.apiRequests++;
    const fault = this.#injectedFault();
    if (fault) return fault;
    return routeApiRequest(request, path, {
      verifyToken: (token) => this.#entra.verify(token),
      operationsFor: (tenantId) => this.#operations.get(tenantId.toLowerCase()),
    });
  }

  async #delay(): Promise<void> {
    const latency = this.#faults.latencyMs;
    if (latency === undefined) return;
    const ms =
      typeof latency === 'number'
        ? latency
        : latency[0] + this.#faultRandom.next() * (latency[1] - latency[0]);
    if (ms > 0) await sleep(ms);
  }

  #injectedFault(): Response | undefined {
    const retryAfter = String(this.#faults.retryAfterSeconds ?? 1);
    const roll = this.#faultRandom.next();
    const rateLimit = this.#faults.rateLimitRate ?? 0;
    const serverError = this.#faults.serverErrorRate ?? 0;
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
