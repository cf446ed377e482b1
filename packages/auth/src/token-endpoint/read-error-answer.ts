import { parseRetryAfter, type Redactor } from '@mmd-sdk/core';
import { parseJson } from '../shared/parse-json';
import { hintForErrorCodes } from './aadsts-hints';
import { AttemptFailure } from './attempt-failure';
import { echoed, QUOTABLE_CODE } from './echoed-text';

/** Entra's statuses worth another attempt: the server may well answer differently in a moment. */
export const ENTRA_RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/**
 * Reads an error answer (any status but 2xx and 3xx): Entra's fields (or a managed identity
 * endpoint's `message` and `correlationId`), a hint, and whether to retry.
 */
export function readErrorAnswer(
  response: Response,
  text: string,
  redact: Redactor,
  rules: { maxRetryDelay: number; retryableStatuses: ReadonlySet<number> },
): AttemptFailure {
  const status = response.status;
  const body = parseJson(text);
  const fields = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const errorCodes = Array.isArray(fields.error_codes)
    ? fields.error_codes
        .map(Number)
        .filter((code) => Number.isSafeInteger(code))
        .slice(0, 16)
    : [];
  const rawError = echoed(fields.error, redact, 64);
  const error = rawError !== undefined && QUOTABLE_CODE.test(rawError) ? rawError : undefined;
  const errorDescription = echoed(fields.error_description ?? fields.message, redact);
  const retryable = rules.retryableStatuses.has(status);
  const what =
    [error, errorDescription].filter(Boolean).join(': ') ||
    echoed(response.statusText, redact, 60) ||
    'no error details';
  return new AttemptFailure(
    `Token request failed: ${status} ${what.replace(/\.$/, '')}`,
    {
      status,
      error,
      errorDescription,
      errorCodes,
      traceId: echoed(fields.trace_id, redact, 64),
      correlationId: echoed(fields.correlation_id ?? fields.correlationId, redact, 64),
      timestamp: echoed(fields.timestamp, redact, 64),
      retryable,
      hint: hintForErrorCodes(errorCodes),
    },
    retryable ? parseRetryAfter(response.headers, rules.maxRetryDelay) : undefined,
  );
}
