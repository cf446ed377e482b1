import type {
  MockDevice,
  MockElevatedAccount,
  MockElevationRequest,
  MockTicket,
  MockUserRecord,
  Persona,
} from './model-types';

/** An app registration the mock token endpoint knows. */
export interface MockAppRegistration {
  /** The application (client) ID GUID. */
  clientId: string;
  /**
   * A client secret the app accepts.
   * @default none: the app then authenticates with a certificate only
   */
  clientSecret?: string;
  /**
   * Answer this secret with AADSTS7000222 (expired secret).
   * @default false
   */
  secretExpired?: boolean;
  /**
   * PEM certificates whose client assertions the app accepts (`x5t#S256` or `x5t`); see `createTestCertificate`.
   * @default none
   */
  certificates?: string[];
  /**
   * Whether an administrator granted `MmdSupport.ReadWrite`; without it tokens are refused with AADSTS65001.
   * @default true
   */
  consentGranted?: boolean;
  /**
   * Shown as the ticket-note sender and elevation-request agent, as the real service shows the caller.
   * @default the client ID
   */
  displayName?: string;
}

/** One tenant of the mock: its identity, app registrations and API data. */
export interface MockTenantData {
  readonly tenantId: string;
  readonly domain: string;
  readonly apps: MockAppRegistration[];
  /** The device profiles enabled for the tenant; reassigning to another persona fails as documented. */
  enabledProfiles: Persona[];
  devices: MockDevice[];
  /** Users by lower-case UPN. Their devices are derived from `devices`. */
  users: Map<string, MockUserRecord>;
  tickets: MockTicket[];
  elevationRequests: MockElevationRequest[];
  /** The elevated account of each device with an open request, by lower-case device name. */
  elevatedAccounts: Map<string, MockElevatedAccount>;
}
