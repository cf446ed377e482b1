import {
  createRedactor,
  describeOrigin,
  headerGetter,
  oneLine,
  parseRetryAfter,
  type Redactor,
  redactDeep,
  sentence,
} from '@mmd-sdk/core';
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  MmdApiError,
  type MmdApiErrorDetails,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
} from './api-errors';

const REQUEST_ID_HEADERS = ['request-id', 'client-request-id', 'x-ms-request-id'];
const HIDDEN_HEADERS = new Set([
  'set-cookie',
  'cookie',
  'authorization',
  'proxy-authorization',
  'www-authenticate',
]);
/** The longest error body text kept on an error. */
const MAX_BODY_TEXT = 4_096;
/** `RateLimitError.retryAfter` reports what the service asked, up to a day. */
const MAX_REPORTED_RETRY_AFTER_MS = 86_400_000;

function readErrorBody(body: unknown): { code?: unknown; message?: unknown } {
  if (body && typeof body === 'object') {
    const fields = body as Record<string, unknown>;
    const nested = fields.error;
    // `{ error: { code, message } }`, the OData shape of the elevation-request operations.
    if (nested && typeof nested === 'object') {
      const { code, message } = nested as Record<string, unknown>;
      return { code, message };
    }
    // `{ errorCode, message, instanceAnnotations }`, the flat shape (`FlatError` in the document).
    return { code: fields.errorCode, message: fields.message };
  }
  if (typeof body === 'string' && body.trim() !== '') {
    return { message: /^\s*</.test(body) ? 'the service answered with an HTML page' : body };
  }
  return {};
}

function text(value: unknown, redact: Redactor, max?: number): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const line = oneLine(String(value), max, redact);
  return line === '' ? undefined : line;
}

function redirectTarget(response: Response, redact: Redactor): string {
  try {
    return redact(describeOrigin(new URL(response.headers.get('location') ?? '', response.url || undefined)));
  } catch {
    return 'another location';
  }
}

function visibleHeaders(headers: Headers, redact: Redactor): Record<string, string> {
  const visible: Record<string, string> = {};
  headers.forEach((value, key) => {
    if (!HIDDEN_HEADERS.has(key)) visible[key] = redact(value);
  });
  return visible;
}

function keptBody(body: unknown, redact: Redactor): unknown {
  if (typeof body === 'string') {
    const scrubbed = redact(body);
    return scrubbed.length > MAX_BODY_TEXT ? `${scrubbed.slice(0, MAX_BODY_TEXT)}…` : scrubbed;
  }
  return redactDeep(body, redact);
}

/**
 * Builds the error class for an HTTP error answer, reading both documented error shapes and text
 * bodies. Everything the error keeps (message, code, request id, body, headers) is built from parsed
 * fields with `token` scrubbed in every spelling, in case the server echoed it.
 */
export function createApiError(
  operation: string,
  response: Response,
  rawBody: unknown,
  token?: string,
): MmdApiError {
  const { status } = response;
  const redact = createRedactor([token]);
  const headers = visibleHeaders(response.headers, redact);
  const body = keptBody(rawBody, redact);
  const fields = readErrorBody(body);
  const code = text(fields.code, redact, 64);
  const requestId = text(REQUEST_ID_HEADERS.map((name) => headers[name]).find(Boolean), redact, 128);
  // 304 (not modified) and 305 (use proxy) name no redirect target.
  const redirect =
    status >= 300 && status < 400 && status !== 304 && status !== 305
      ? `redirect to ${redirectTarget(response, redact)} not followed; the bearer token is only sent to the configured baseUrl`
      : undefined;
  const what =
    redirect ?? text(fields.message, redact) ?? text(response.statusText, redact, 60) ?? 'no error details';
  const details: MmdApiErrorDetails = { operation, status, code, requestId, body, headers };
  const message = sentence(`${operation} failed: ${status} ${what}`);
  if (status === 400) return new BadRequestError(message, details);
  if (status === 401) return new AuthenticationError(message, details);
  if (status === 403) return new PermissionDeniedError(message, details);
  if (status === 404) return new NotFoundError(message, details);
  if (status === 409) return new ConflictError(message, details);
  if (status === 429) {
    const retryAfter = parseRetryAfter(headerGetter(headers), MAX_REPORTED_RETRY_AFTER_MS);
    return new RateLimitError(message, {
      ...details,
      retryAfter: retryAfter === undefined ? undefined : retryAfter / 1000,
    });
  }
  if (status >= 500) return new ServerError(message, details);
  return new MmdApiError(message, details);
}
