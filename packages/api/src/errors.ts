/** Base class of every error `@mmd-sdk/mmd-api` raises. */
export class MmdError extends Error {
  override readonly name: string = 'MmdError';
}

/** Raised before any network call when an option or a parameter is missing or malformed. */
export class MmdConfigurationError extends MmdError {
  override readonly name: string = 'MmdConfigurationError';
}

/**
 * Raised instead of sending the bearer token somewhere it does not belong: another origin (a per-call
 * `baseUrl`, an `@odata.nextLink`) or plain http to a host that is not loopback.
 */
export class UnsafeRequestError extends MmdError {
  override readonly name: string = 'UnsafeRequestError';
}

/** What an API error carries besides its message. */
export interface MmdApiErrorDetails {
  /** The operation that failed, such as `createElevationRequest`. */
  readonly operation: string;
  readonly status?: number;
  /** The service's error code (`error.code` or `errorCode`), when it sent one. */
  readonly code?: string;
  /** From `request-id`, `client-request-id` or `x-ms-request-id`, when present. */
  readonly requestId?: string;
  /** The parsed error body (JSON) or its text. */
  readonly body?: unknown;
  /** The response headers, without cookies. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** An MMD API call failed: the service answered with an error status, or no answer came. */
export class MmdApiError extends MmdError {
  override readonly name: string = 'MmdApiError';
  readonly operation: string;
  /** The HTTP status; `undefined` when no answer came (connection, timeout, abort). */
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly requestId: string | undefined;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;

  constructor(message: string, details: MmdApiErrorDetails, options?: { cause?: unknown }) {
    super(message, options);
    this.operation = details.operation;
    this.status = details.status;
    this.code = details.code;
    this.requestId = details.requestId;
    this.body = details.body;
    this.headers = details.headers ?? {};
  }
}

/** 400: the request was malformed or refused, such as an elevation request that was already closed. */
export class BadRequestError extends MmdApiError {
  override readonly name = 'BadRequestError';
}

/** 401: the token was missing, expired or not accepted, even after one refresh. */
export class AuthenticationError extends MmdApiError {
  override readonly name = 'AuthenticationError';
}

/** 403: the app lacks the permission, or the service refused, such as too many open elevation requests. */
export class PermissionDeniedError extends MmdApiError {
  override readonly name = 'PermissionDeniedError';
}

/** 404: no such device, user, ticket or elevation request. */
export class NotFoundError extends MmdApiError {
  override readonly name = 'NotFoundError';
}

/** 409: the request conflicts with the current state. */
export class ConflictError extends MmdApiError {
  override readonly name = 'ConflictError';
}

/** 429: throttled, after the retries; `retryAfter` says how many seconds the service asked to wait. */
export class RateLimitError extends MmdApiError {
  override readonly name = 'RateLimitError';
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
  override readonly name = 'ServerError';
}

/** The service could not be reached (DNS, connection refused or reset). */
export class ConnectionError extends MmdApiError {
  override readonly name = 'ConnectionError';
}

/** No answer came within `timeout`. */
export class TimeoutError extends MmdApiError {
  override readonly name = 'TimeoutError';
}

/** The caller's `signal` aborted the call. */
export class AbortError extends MmdApiError {
  override readonly name = 'AbortError';
}
