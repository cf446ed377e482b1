import { MmdError } from '@mmd-sdk/core';

/**
 * Raised instead of sending the bearer token somewhere it does not belong: another origin (a per-call
 * `baseUrl`, an `@odata.nextLink`, a redirect) or a path outside `baseUrl`.
 */
export class UnsafeRequestError extends MmdError {
  static override readonly kind: string = 'UnsafeRequestError';
  override readonly name: string = 'UnsafeRequestError';
}

/** What an API error carries besides its message. */
export interface MmdApiErrorDetails {
  /** The operation that failed: its `operationId`, the name of the method called. */
  readonly operation: string;
  readonly status?: number;
  /** The service's error code (`error.code` or `errorCode`), when it sent one. */
  readonly code?: string;
  /** From `request-id`, `client-request-id` or `x-ms-request-id`, when present. */
  readonly requestId?: string;
  /** The `client-request-id` this SDK sent with the call (the same on each of its attempts). */
  readonly clientRequestId?: string;
  /** The parsed error body (JSON) or its text, with the bearer token scrubbed. */
  readonly body?: unknown;
  /** The response headers, without cookies and credentials, with the bearer token scrubbed. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** An MMD API call failed: the service answered with an error status or an unusable answer, or no answer came. */
export class MmdApiError extends MmdError {
  static override readonly kind: string = 'MmdApiError';
  override readonly name: string = 'MmdApiError';
  readonly operation: string;
  /** The HTTP status; `undefined` when no answer came (connection, timeout, abort). */
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly requestId: string | undefined;
  /**
   * The `client-request-id` the SDK sent with every attempt of the call (a UUID, or the caller's own
   * header): hand it to Microsoft support with `requestId`, and find it in the log lines.
   */
  readonly clientRequestId: string | undefined;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;

  constructor(message: string, details: MmdApiErrorDetails, options?: { cause?: unknown }) {
    super(message, options);
    this.operation = details.operation;
    this.status = details.status;
    this.code = details.code;
    this.requestId = details.requestId;
    this.clientRequestId = details.clientRequestId;
    this.body = details.body;
    this.headers = details.headers ?? {};
  }
}

/** 400: the request was malformed or refused, such as an elevation request that was already closed. */
export class BadRequestError extends MmdApiError {
  static override readonly kind: string = 'BadRequestError';
  override readonly name: string = 'BadRequestError';
}

/** 401: the token was missing, expired or not accepted, even after one refresh. */
export class AuthenticationError extends MmdApiError {
  static override readonly kind: string = 'AuthenticationError';
  override readonly name: string = 'AuthenticationError';
}

/** 403: the app lacks the permission, or the service refused, such as too many open elevation requests. */
export class PermissionDeniedError extends MmdApiError {
  static override readonly kind: string = 'PermissionDeniedError';
  override readonly name: string = 'PermissionDeniedError';
}

/** 404: no such device, user, ticket or elevation request. */
export class NotFoundError extends MmdApiError {
  static override readonly kind: string = 'NotFoundError';
  override readonly name: string = 'NotFoundError';
}

/** 409: the request conflicts with the current state. */
export class ConflictError extends MmdApiError {
  static override readonly kind: string = 'ConflictError';
  override readonly name: string = 'ConflictError';
}

/** 429: throttled, after the retries; `retryAfter` says how many seconds the service asked to wait. */
export class RateLimitError extends MmdApiError {
  static override readonly kind: string = 'RateLimitError';
  override readonly name: string = 'RateLimitError';
  readonly retryAfter: number | undefined;

  constructor(
    message: string,
    details: MmdApiErrorDetails & { retryAfter?: number },
    options?: { cause?: unknown },
  ) {
    super(message, details, options);
    this.retryAfter = details.retryAfter;
  }
}

/** 5xx: the service failed, after the retries. */
export class ServerError extends MmdApiError {
  static override readonly kind: string = 'ServerError';
  override readonly name: string = 'ServerError';
}

/** The service could not be reached (DNS, connection refused or reset). */
export class ConnectionError extends MmdApiError {
  static override readonly kind: string = 'ConnectionError';
  override readonly name: string = 'ConnectionError';
}

/** The attempt's `timeout` ran out: getting the token, sending, or reading the whole answer. */
export class TimeoutError extends MmdApiError {
  static override readonly kind: string = 'TimeoutError';
  override readonly name: string = 'TimeoutError';
}

/** The caller's `signal` aborted the call. */
export class AbortError extends MmdApiError {
  static override readonly kind: string = 'AbortError';
  override readonly name: string = 'AbortError';
}

/** The answer was larger than `maxResponseBytes` (counted after decompression) and was not read further. */
export class ResponseTooLargeError extends MmdApiError {
  static override readonly kind: string = 'ResponseTooLargeError';
  override readonly name: string = 'ResponseTooLargeError';
  /** The limit in force, in bytes. */
  readonly limit: number;

  constructor(message: string, details: MmdApiErrorDetails & { limit: number }) {
    super(message, details);
    this.limit = details.limit;
  }
}

/**
 * A success status with an answer the operation cannot have: not JSON where the operation answers
 * JSON (a proxy's HTML page, a download), JSON that does not parse, or a list without `value`.
 */
export class InvalidResponseError extends MmdApiError {
  static override readonly kind: string = 'InvalidResponseError';
  override readonly name: string = 'InvalidResponseError';
}
