import type {
  MockDevice,
  MockElevatedAccount,
  MockElevationRequest,
  MockTicket,
  MockUserRecord,
  Persona,
} from './api-resources';
import type { MockAppRegistration } from './app-registration';

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
