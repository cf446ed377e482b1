import { MmdApiOperations } from '../api/mmd-api-operations';
import { routeApiRequest } from '../api/mmd-api-router';
import { answerAuthorityRequest } from '../entra/answer-authority-request';
import { EntraTokenService } from '../entra/entra-token-service';
import {
  answerAppServiceRequest,
  answerImdsRequest,
  type ManagedIdentityContext,
} from '../managed-identity/answer-managed-identity-request';
import { MAX_URL_LENGTH, uriTooLong } from '../transport/request-limits';
import { checkManagedIdentityFailures } from './check-managed-identity-options';
import { checkFaults, checkModelOptions, checkTokenLifetime } from './check-tenant-options';
import { DEFAULT_ENABLED_PROFILES, defaultTenants } from './default-tenant';
import { faultLatencyMs, injectedFault } from './fault-injection';
import { ManagedIdentities, type MockManagedIdentityInfo } from './managed-identities';
import type { MockManagedIdentityFailures } from './managed-identity-options';
import type { MockFaults, MockTenantOptions } from './mock-tenant-options';
import { createSeedData } from './seed-data';
import { SeededRandom } from './seeded-random';
import type { MockTenantData } from './tenant-state';

/** Request counts, for tests that assert how many calls a client made. */
export interface MockStats {
  tokenRequests: number;
  apiRequests: number;
  /** GET requests to the managed identity endpoints (IMDS and App Service), failed ones included. */
  managedIdentityRequests: number;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The 414 answer to a request target (path and query) over `MAX_URL_LENGTH` characters. */
function refuseOverlongUrl(request: Request): Response | undefined {
  const url = new URL(request.url);
  const length = url.pathname.length + url.search.length;
  return length > MAX_URL_LENGTH ? uriTooLong(length).toResponse() : undefined;
}

/**
 * The stateful model behind both the MSW handlers and the local server: the tenants' data, the
 * Entra token endpoint, the 15 operations, and the fault knobs.
 */
export class MockTenantModel {
  /** The modelled tenants; their data can be read and changed directly in tests. */
  readonly tenants: MockTenantData[];
  readonly stats: MockStats = { tokenRequests: 0, apiRequests: 0, managedIdentityRequests: 0 };
  #faults: MockFaults;
  #managedIdentityFailures: MockManagedIdentityFailures | undefined;
  readonly #managedIdentities: ManagedIdentities;
  #tokenLifetimeSeconds: number;
  readonly #entra: EntraTokenService;
  readonly #operations = new Map<string, MmdApiOperations>();
  readonly #faultRandom: SeededRandom;

  /** @throws MockConfigurationError when an option is missing or malformed, before anything is built. */
  constructor(given: MockTenantOptions = {}) {
    const options = checkModelOptions(given);
    const seed = options.seed ?? 1;
    const dataDate = options.dataDate ?? new Date('2026-11-01T09:00:00Z');
    this.#faults = options.faults ? checkFaults(options.faults) : {};
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
    const identityTenant = this.findTenant(options.managedIdentity?.tenantId ?? '') ?? this.tenants[0];
    this.#managedIdentities = new ManagedIdentities(identityTenant?.tenantId ?? '', options.managedIdentity);
    this.#managedIdentityFailures = checkManagedIdentityFailures(options.managedIdentity?.failFirst);
    this.#entra = new EntraTokenService(
      (idOrDomain) => this.findTenant(idOrDomain),
      () => this.#tokenLifetimeSeconds,
      options.signingKey,
      (tenantId, clientId) =>
        tenantId.toLowerCase() === this.#managedIdentities.tenantId.toLowerCase()
          ? this.#managedIdentities.nameOf(clientId)
          : undefined,
    );
  }

  /** The managed identities the IMDS and App Service endpoints issue tokens for. */
  get managedIdentity(): MockManagedIdentityInfo {
    return this.#managedIdentities.info();
  }

  /**
   * The failures the managed identity endpoints still answer first (`count` goes down with each);
   * assign new ones at any time (checked as `managedIdentity.failFirst` is), `undefined` for none.
   */
  get managedIdentityFailures(): MockManagedIdentityFailures | undefined {
    const failures = this.#managedIdentityFailures;
    return failures && { ...failures };
  }

  set managedIdentityFailures(value: MockManagedIdentityFailures | undefined) {
    this.#managedIdentityFailures = checkManagedIdentityFailures(value, 'managedIdentityFailures');
  }

  /**
   * The faults in force; assign new ones at any time (they are checked as the `faults` option is, and
   * a malformed one throws `MockConfigurationError`).
   */
  get faults(): MockFaults {
    return this.#faults;
  }

  set faults(value: MockFaults) {
    this.#faults = checkFaults(value);
  }

  /** Lifetime of newly issued tokens, in seconds (a whole number from 1 to 86400); change it at any time. */
  get tokenLifetimeSeconds(): number {
    return this.#tokenLifetimeSeconds;
  }

  set tokenLifetimeSeconds(value: number) {
    this.#tokenLifetimeSeconds = checkTokenLifetime(value, { required: true });
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
    const fault = injectedFault(this.#faults, this.#faultRandom);
    if (fault) return fault;
    return routeApiRequest(request, path, {
      verifyToken: (token) => this.#entra.verify(token),
      operationsFor: (tenantId) => this.#operations.get(tenantId.toLowerCase()),
    });
  }

  /**
   * Answers a request to a managed identity endpoint: IMDS's (`Metadata: true`), or App Service's,
   * whose `X-IDENTITY-HEADER` must be `identityHeader`. Never throws for what a client sends.
   */
  async handleManagedIdentity(
    request: Request,
    endpoint: { kind: 'imds' } | { kind: 'appService'; identityHeader: string },
  ): Promise<Response> {
    const overlong = refuseOverlongUrl(request);
    if (overlong) return overlong;
    const context: ManagedIdentityContext = {
      identities: this.#managedIdentities,
      issue: (identity) => this.#entra.issueManagedIdentityToken(this.#managedIdentities.tenantId, identity),
      beforeRequest: async () => {
        await this.#delay();
        this.stats.managedIdentityRequests++;
      },
      takeFailure: () => {
        const failures = this.#managedIdentityFailures;
        if (!failures || failures.count <= 0) return undefined;
        this.#managedIdentityFailures = { ...failures, count: failures.count - 1 };
        return failures;
      },
    };
    return endpoint.kind === 'imds'
      ? answerImdsRequest(request, context)
      : answerAppServiceRequest(request, endpoint.identityHeader, context);
  }

  async #delay(): Promise<void> {
    const ms = faultLatencyMs(this.#faults, this.#faultRandom);
    if (ms > 0) await sleep(ms);
  }
}
