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
} from './errors';
import { redactToken } from './redact-token';
import { parseRetryAfter } from './retry-after';

const REQUEST_ID_HEADERS = ['request-id', 'client-request-id', 'x-ms-request-id'];
const HIDDEN_HEADERS = new Set([
  'set-cookie',
  'cookie',
  'authorization',
  'proxy-authorization',
  'www-authenticate',
]);
const MAX_MESSAGE_LENGTH = 300;

function readErrorBody(body: unknown): { code?: string; message?: string } {
  if (body && typeof body === 'object') {
    const fields = body as Record<string, unknown>;
    const nested = fields.error;
    // `{ error: { code, message } }`, the OData shape of the elevation-request operations.
    if (nested && typeof nested === 'object') {
      const { code, message } = nested as Record<string, unknown>;
      return {
        code: code === undefined ? undefined : String(code),
        message: typeof message === 'string' ? message : undefined,
      };
    }
    // `{ errorCode, message, instanceAnnotations }`, the flat shape of reassignDeviceProfile.
    return {
      code: fields.errorCode === undefined ? undefined : String(fields.errorCode),
      message: typeof fields.message === 'string' ? fields.message : undefined,
    };
  }
  if (typeof body === 'string' && body.trim() !== '') {
    return { message: /^\s*</.test(body) ? 'the service answered with an HTML page' : body };
  }
  return {};
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_MESSAGE_LENGTH ? `${line.slice(0, MAX_MESSAGE_LENGTH)}…` : line;
}

function redirectTarget(response: Response): string {
  try {
    return new URL(response.headers.get('location') ?? '', response.url || undefined).origin;
  } catch {
    return 'another location';
  }
}

/** The response headers worth keeping on an error: all but cookies and credentials. */
export function visibleHeaders(headers: Headers): Record<string, string> {
  const visible: Record<string, string> = {};
  headers.forEach((value, key) => {
    if (!HIDDEN_HEADERS.has(key)) visible[key] = value;
  });
  return visible;
}

/**
 * Builds the error class for an HTTP error answer, reading both documented error shapes and text
 * bodies. `token` is scrubbed from everything the error keeps, in case the server echoed it.
 */
export function createApiError(
  operation: string,
  response: Response,
  rawBody: unknown,
  token?: string,
): MmdApiError {
  const { status } = response;
  const body = redactToken(rawBody, token);
  const { code, message } = readErrorBody(body);
  const requestId = REQUEST_ID_HEADERS.map((name) => response.headers.get(name)).find(Boolean) ?? undefined;
  const redirect =
    status >= 300 && status < 400
      ? `redirect to ${redirectTarget(response)} not followed; the bearer token is only sent to the configured baseUrl`
      : undefined;
  const text = oneLine(
    redactToken(message ?? redirect ?? (response.statusText || 'no error details'), token),
  );
  const details: MmdApiErrorDetails = {
    operation,
    status,
    code,
    requestId,
    body,
    headers: redactToken(visibleHeaders(response.headers), token),
  };
  const full = `${operation} failed: ${status} ${text}${/[.!?…]$/.test(text) ? '' : '.'}`;
  if (status === 400) return new BadRequestError(full, details);
  if (status === 401) return new AuthenticationError(full, details);
  if (status === 403) return new PermissionDeniedError(full, details);
  if (status === 404) return new NotFoundError(full, details);
  if (status === 409) return new ConflictError(full, details);
  if (status === 429) {
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    return new RateLimitError(full, {
      ...details,
      retryAfter: retryAfter === undefined ? undefined : retryAfter / 1000,
    });
  }
  if (status >= 500) return new ServerError(full, details);
  return new MmdApiError(full, details);
}
