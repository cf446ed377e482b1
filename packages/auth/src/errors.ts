import { MmdError } from '@mmd-sdk/core';

/** What the token endpoint said, as far as it said anything. */
export interface TokenRequestErrorDetails {
  readonly status?: number;
  readonly error?: string;
  readonly errorDescription?: string;
  readonly errorCodes?: readonly number[];
  readonly traceId?: string;
  readonly correlationId?: string;
  readonly timestamp?: string;
  readonly retryable: boolean;
  readonly hint?: string;
  readonly attempts: number;
}

/**
 * Raised when the token endpoint said no, answered something that is not a usable token, or could
 * not be reached within the deadline and the retries. Carries Entra's error fields and, for common
 * AADSTS codes, a `hint` that says what to do. Every text in it is built from parsed fields, with
 * any secret, assertion or token the endpoint echoed replaced by `[REDACTED]`.
 */
export class TokenRequestError extends MmdError {
  static override readonly kind: string = 'TokenRequestError';
  override readonly name: string = 'TokenRequestError';
  /** The HTTP status, when an answer came. */
  readonly status: number | undefined;
  /** The OAuth `error` code, such as `invalid_client`. */
  readonly error: string | undefined;
  /** Entra's `error_description`, on one line, without its trace lines. */
  readonly errorDescription: string | undefined;
  /** The AADSTS codes (`error_codes`), such as `[7000215]`. */
  readonly errorCodes: readonly number[];
  readonly traceId: string | undefined;
  readonly correlationId: string | undefined;
  readonly timestamp: string | undefined;
  /** Whether trying again later may succeed (throttling, outages, timeouts). */
  readonly retryable: boolean;
  /** What to do about it, for the common AADSTS codes. */
  readonly hint: string | undefined;
  /** How many HTTP attempts were made. */
  readonly attempts: number;

  constructor(message: string, details: TokenRequestErrorDetails, options?: { cause?: unknown }) {
    super(message, options);
    this.status = details.status;
    this.error = details.error;
    this.errorDescription = details.errorDescription;
    this.errorCodes = details.errorCodes ?? [];
    this.traceId = details.traceId;
    this.correlationId = details.correlationId;
    this.timestamp = details.timestamp;
    this.retryable = details.retryable;
    this.hint = details.hint;
    this.attempts = details.attempts;
  }
}
