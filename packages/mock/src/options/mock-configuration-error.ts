import { MmdConfigurationError } from '@mmd-sdk/core';

/**
 * Raised by `startMockServer`, `createMockTenant` and `new MockTenantModel` before anything starts
 * when an option is missing or malformed. The message is one line that names the option and the fix.
 *
 * It is an `MmdConfigurationError` (so an `MmdError`): `instanceof` either of those, imported from
 * `@mmd-sdk/mmd-auth` or `@mmd-sdk/mmd-api`, holds for it too.
 */
export class MockConfigurationError extends MmdConfigurationError {
  static override readonly kind: string = 'MockConfigurationError';
  override readonly name = 'MockConfigurationError';
  /** The option at fault, such as `port`, `faults.rateLimitRate` or `tenants[0].apps[1].clientId`. */
  declare readonly option: string;
}
