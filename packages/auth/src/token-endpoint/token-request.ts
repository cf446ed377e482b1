import type { LeveledLogger, Redactor } from '@mmd-sdk/core';
import type { IssuedTokens } from './issued-tokens';

/** How token requests are sent and bounded, as the credential's options resolved them. */
export interface TokenRequestOptions {
  readonly fetch: typeof fetch | undefined;
  readonly timeout: number;
  readonly maxRetries: number;
  readonly maxRetryDelay: number;
  readonly maxResponseBytes: number;
  readonly logger: LeveledLogger;
  /** The tokens the credential got so far, scrubbed (with anything JWT-shaped) from what an endpoint echoes. */
  readonly issuedTokens: IssuedTokens;
}

/**
 * One token request as its attempts share it: the `client-request-id` every attempt carries (a UUID
 * per request, reused by its retries, as MSAL does), and how many attempts were made so far.
 */
export interface RequestTrace {
  readonly clientRequestId: string;
  /** HTTP attempts made so far, counted by the attempt loop (telemetry reports the retries). */
  attempts: number;
}

/** One client-credentials token request, retried as its options allow. */
export interface TokenRequest {
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  /** The client-authentication form fields, built anew for every attempt (a fresh assertion each time). */
  readonly clientAuthentication: (signal: AbortSignal) => Promise<Record<string, string>>;
  /**
   * Scrubs the credential's secrets (secret, key, assertion) from anything the endpoint echoes back.
   * Asked anew each time: an assertion credential's secret changes with every attempt.
   */
  readonly redactor: () => Redactor;
  readonly options: TokenRequestOptions;
  readonly trace: RequestTrace;
}

/** A token the endpoint issued, with what its lifetime counts from. */
export interface TokenResult {
  readonly accessToken: string;
  /** When the successful attempt was sent, in milliseconds since the epoch: lifetimes count from here. */
  readonly sentAt: number;
  readonly expiresInSeconds: number;
  readonly refreshInSeconds: number | undefined;
}
