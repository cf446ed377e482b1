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
