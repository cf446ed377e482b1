/**
 * Raised by `startMockServer`, `createMockTenant` and `new MockTenantModel` before anything starts
 * when an option is missing or malformed. The message is one line that names the option and the fix.
 */
export class MockConfigurationError extends Error {
  override readonly name = 'MockConfigurationError';
  /** The option at fault, such as `port`, `faults.rateLimitRate` or `tenants[0].apps[1].clientId`. */
  readonly option: string;

  constructor(option: string, message: string) {
    super(message);
    this.option = option;
  }
}
