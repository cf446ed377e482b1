import type { KeyObject } from 'node:crypto';
import type { Persona } from './api-resources';
import type { MockAppRegistration } from './app-registration';
import type { MockManagedIdentityOptions } from './managed-identity-options';

/** Faults to inject, for tests and demos of retries and timeouts. */
export interface MockFaults {
  /**
   * Added latency per request, in milliseconds (0 to 2147483647), or a `[min, max]` range.
   * @default 0
   */
  latencyMs?: number | readonly [number, number];
  /**
   * Share of API requests (0 to 1) answered 429 with `Retry-After`; with `serverErrorRate`, at most 1.
   * @default 0
   */
  rateLimitRate?: number;
  /**
   * Share of API requests (0 to 1) answered 503 (half with `Retry-After`) or 500.
   * @default 0
   */
  serverErrorRate?: number;
  /**
   * The `Retry-After` seconds sent with injected 429 and 503 answers: a whole number from 0 to 86400.
   * @default 1
   */
  retryAfterSeconds?: number;
}

/** One tenant of the mock. */
export interface MockTenantConfig {
  /** The tenant's Entra ID (GUID), unique among the tenants. */
  tenantId: string;
  /** Its verified domain, such as `contoso.onmicrosoft.com`; the token endpoint accepts it for the ID. */
  domain: string;
  /** The app registrations the token endpoint accepts, each with its own client ID; may be empty. */
  apps: MockAppRegistration[];
  /**
   * The device profiles enabled for the tenant: at least one, each once.
   * @default ['SensitiveData', 'Standard', 'PowerUser'] (Kiosk is not, as in the docs' error example)
   */
  enabledProfiles?: Persona[];
  /** @default the mock's `deviceCount` */
  deviceCount?: number;
  /** @default the mock's `ticketCount` */
  ticketCount?: number;
  /** @default the mock's `elevationRequestCount` */
  elevationRequestCount?: number;
}

/** Options of the mock tenant, shared by the MSW handlers and the local server. */
export interface MockTenantOptions {
  /**
   * The seed of the generated data (a safe integer): the same seed gives the same devices, users and
   * tickets.
   * @default 1
   */
  seed?: number;
  /**
   * The tenants to model: at least one.
   * @default one tenant, MOCK_TENANT_ID (contoso.onmicrosoft.com), with one app: MOCK_CLIENT_ID and MOCK_CLIENT_SECRET
   */
  tenants?: MockTenantConfig[];
  /**
   * Devices per tenant: a whole number from 0 to 100000.
   * @default 50
   */
  deviceCount?: number;
  /**
   * Tickets per tenant: a whole number from 0 to 10000.
   * @default 8
   */
  ticketCount?: number;
  /**
   * Elevation requests per tenant (at most one per enrolled device): a whole number from 0 to 10000.
   * @default 4 (one of them open)
   */
  elevationRequestCount?: number;
  /**
   * Lifetime of issued access tokens, in seconds (a whole number from 1 to 86400); short values
   * exercise refresh.
   * @default 3599
   */
  tokenLifetimeSeconds?: number;
  /**
   * The RSA private key that signs access tokens. Generating one takes about 0.2 s, so a suite that
   * creates many mock tenants can make one (`generateKeyPairSync('rsa', { modulusLength: 2048 })`) and share it.
   * @default a new 2048-bit key per mock tenant, generated when it first issues or checks a token
   */
  signingKey?: KeyObject;
  /** Faults to inject; change them later through `faults` on the returned tenant. */
  faults?: MockFaults;
  /**
   * The moment generated timestamps are computed from, so a seed always gives the same data.
   * @default 2026-11-01T09:00:00Z
   */
  dataDate?: Date;
  /**
   * The managed identities of the Azure resource the code under test runs on, which the IMDS
   * (`/metadata/identity/oauth2/token`) and App Service (`IDENTITY_ENDPOINT`) endpoints issue tokens for.
   * @default a system-assigned identity in the first tenant, no user-assigned ones
   */
  managedIdentity?: MockManagedIdentityOptions;
}
