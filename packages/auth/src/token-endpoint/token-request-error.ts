import { MmdError } from '@mmd-sdk/core';

/** What the token endpoint said, as far as it said anything: the fields of a `TokenRequestError`. */
export interface TokenRequestErrorDetails {
  /** The HTTP status, when an answer came. */
  readonly status?: number;
  /** The OAuth `error` code, such as `invalid_client`. */
  readonly error?: string;
  /** Entra's `error_description`, on one line, without its trace lines. */
  readonly errorDescription?: string;
  /** The AADSTS codes (`error_codes`), such as `[7000215]`. */
  readonly errorCodes?: readonly number[];
  /** Entra's `trace_id`, to quote to Microsoft support. */
  readonly traceId?: string;
  /** Entra's `correlation_id`, to quote to Microsoft support. */
  readonly correlationId?: string;
  /** Entra's `timestamp` of the refusal. */
  readonly timestamp?: string;
  /** Whether trying again later may succeed (throttling, outages, timeouts). */
  readonly retryable: boolean;
  /** What to do about it, for the common AADSTS codes. */
  readonly hint?: string;
  /** How many HTTP attempts were made. */
  readonly attempts: number;
  /**
   * The `client-request-id` every attempt of this token request carried (a UUID), which Entra logs
   * beside its own `correlationId`: quote it to Microsoft support, and find it in the log lines.
   */
  readonly clientRequestId?: string;
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
  /** Entra's `trace_id`, to quote to Microsoft support. */
  readonly traceId: string | undefined;
  /** Entra's `correlation_id`, to quote to Microsoft support. */
  readonly correlationId: string | undefined;
  /** Entra's `timestamp` of the refusal. */
  readonly timestamp: string | undefined;
  /** Whether trying again later may succeed (throttling, outages, timeouts). */
  readonly retryable: boolean;
  /** What to do about it, for the common AADSTS codes. */
  readonly hint: string | undefined;
  /** How many HTTP attempts were made. */
  readonly attempts: number;
  /**
   * The `client-request-id` every attempt of this token request carried (a UUID), which Entra logs
   * beside its own `correlationId`: quote it to Microsoft support, and find it in the log lines.
   */
  readonly clientRequestId: string | undefined;

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
    this.clientRequestId = details.clientRequestId;
  }
}
