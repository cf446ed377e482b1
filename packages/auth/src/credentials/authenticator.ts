import type { TokenRequestError } from '../token-endpoint/token-request-error';

/**
 * How a credential proves the app's identity at the token endpoint: the one part that differs
 * between a client secret, a certificate and an assertion. The credential's `ConfidentialClient`
 * asks it for every attempt's form fields, scrubs its secrets from everything it shows, and asks it
 * what to do when Entra refuses the client.
 */
export interface ClientAuthenticator {
  /** The client-authentication form fields of one HTTP attempt (a fresh assertion for each). */
  formFields(signal: AbortSignal): Promise<Record<string, string>>;
  /** The values to scrub from errors and log lines: the secret, the key, the last assertion sent. */
  secrets(): Iterable<string>;
  /**
   * Entra refused the client: another way to authenticate, tried once and kept if it works, or
   * `undefined` (as when this method is absent) to report the refusal.
   */
  afterRefusal?(error: TokenRequestError): Fallback | undefined;
}

/** Another way to authenticate, and why it is tried (logged as a warning first). */
interface Fallback {
  readonly authenticator: ClientAuthenticator;
  readonly warning: string;
}
