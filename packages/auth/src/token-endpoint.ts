import {
  backoffDelay,
  checkedFetch,
  describeCause,
  discardBody,
  isBearerTokenSyntax,
  MmdConfigurationError,
  oneLine,
  parseRetryAfter,
  type Redactor,
  readBoundedText,
  sanitizeCause,
  sentence,
  sleep,
  startDeadline,
} from '@mmd-sdk/core';
import { hintForErrorCodes } from './aadsts-hints';
import { TokenRequestError, type TokenRequestErrorDetails } from './errors';
import { RETRYABLE_STATUSES } from './retry-policy';
import type { ResolvedCommonOptions } from './validate-options';

/** One token request, retried as the options allow. */
export interface TokenEndpointRequest {
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  /** The client-authentication form fields, built anew for every attempt (a fresh assertion each time). */
  readonly clientAuthentication: (signal: AbortSignal) => Promise<Record<string, string>>;
  readonly options: ResolvedCommonOptions;
  /** Scrubs the credential's secrets (secret, key, assertion) from anything the endpoint echoes back. */
  readonly redactor: () => Redactor;
}

export interface TokenEndpointResult {
  readonly accessToken: string;
  /** When the successful attempt was sent, in milliseconds since the epoch: lifetimes count from here. */
  readonly sentAt: number;
  readonly expiresInSeconds: number;
  readonly refreshInSeconds: number | undefined;
}

const MAX_LIFETIME_SECONDS = 24 * 60 * 60;
const ERROR_CODE = /^[A-Za-z0-9_.-]{1,64}$/;

/** Failure of one attempt, with what the caller needs to decide on a retry. */
class AttemptFailure {
  constructor(
    readonly message: string,
    readonly details: Omit<TokenRequestErrorDetails, 'attempts'>,
    readonly retryAfter?: number,
    readonly cause?: unknown,
  ) {}
}

function readSeconds(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+(?:\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A text the endpoint sent, fit for a message: secrets replaced, then cut to one line. */
function echoed(value: unknown, redact: Redactor, max?: number): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  // Entra appends "\r\nTrace ID: …\r\nCorrelation ID: …\r\nTimestamp: …"; those are fields of their own.
  const [first = ''] = redact(value).split(/\r?\nTrace ID:/);
  const line = oneLine(first, max, redact);
  return line === '' ? undefined : line;
}

function describeBody(response: Response, text: string, redact: Redactor): string {
  if (text.trim() === '') return 'an empty body';
  const type = echoed(response.headers.get('content-type')?.split(';')[0]?.trim(), redact, 60);
  if (/^\s*</.test(text)) return `an HTML page${type ? ` (${type})` : ''}`;
  return `a body that is not JSON${type ? ` (${type})` : ''}`;
}

function errorFromBody(
  response: Response,
  body: unknown,
  redact: Redactor,
  maxRetryDelay: number,
): AttemptFailure {
  const status = response.status;
  const fields = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const errorCodes = Array.isArray(fields.error_codes)
    ? fields.error_codes
        .map(Number)
        .filter((code) => Number.isSafeInteger(code))
        .slice(0, 16)
    : [];
  const rawError = echoed(fields.error, redact, 64);
  const error = rawError !== undefined && ERROR_CODE.test(rawError) ? rawError : undefined;
  const errorDescription = echoed(fields.error_description, redact);
  const hint = hintForErrorCodes(errorCodes);
  const retryable = RETRYABLE_STATUSES.has(status);
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
      correlationId: echoed(fields.correlation_id, redact, 64),
      timestamp: echoed(fields.timestamp, redact, 64),
      retryable,
      hint,
    },
    retryable ? parseRetryAfter(response.headers, maxRetryDelay) : undefined,
  );
}

function resultFromBody(
  response: Response,
  text: string,
  sentAt: number,
  redact: Redactor,
): TokenEndpointResult | AttemptFailure {
  const body = parseJson(text);
  const invalid = (reason: string, retryable = false) =>
    new AttemptFailure(
      `Token request failed: the token endpoint answered ${response.status} with ${reason}`,
      {
        status: response.status,
        retryable,
      },
    );
  if (body === undefined || typeof body !== 'object' || body === null || Array.isArray(body)) {
    // A proxy's page or a cut-off answer: worth another attempt.
    return invalid(
      body === undefined ? describeBody(response, text, redact) : 'JSON that is not an object',
      true,
    );
  }
  const fields = body as Record<string, unknown>;
  const accessToken = fields.access_token;
  if (typeof accessToken !== 'string' || accessToken === '') return invalid('no access_token');
  // Never quoted: a token that cannot go into an Authorization header is refused without showing it.
  if (!isBearerTokenSyntax(accessToken))
    return invalid('an access_token that is not a valid bearer token (RFC 6750)');
  const tokenType = fields.token_type;
  if (typeof tokenType !== 'string' || tokenType.toLowerCase() !== 'bearer') {
    const shown =
      typeof tokenType === 'string' && ERROR_CODE.test(tokenType) ? `"${tokenType}"` : 'missing or malformed';
    return invalid(`token_type ${shown}; expected "Bearer"`);
  }
  const expiresIn = readSeconds(fields.expires_in);
  if (expiresIn === undefined) return invalid('expires_in missing or not a number');
  if (expiresIn <= 0) return invalid(`expires_in ${expiresIn}; expected a positive number of seconds`);
  const refreshIn = readSeconds(fields.refresh_in);
  return {
    accessToken,
    sentAt,
    expiresInSeconds: Math.min(expiresIn, MAX_LIFETIME_SECONDS),
    refreshInSeconds:
      refreshIn !== undefined && refreshIn > 0 && refreshIn < expiresIn ? refreshIn : undefined,
  };
}

async function attempt(
  request: TokenEndpointRequest,
  signal: AbortSignal,
  redact: () => Redactor,
): Promise<TokenEndpointResult | AttemptFailure> {
  const { options } = request;
  const form = new URLSearchParams({
    client_id: request.clientId,
    scope: request.scopes.join(' '),
    grant_type: 'client_credentials',
    ...(await request.clientAuthentication(signal)),
  });
  const fetchImpl = checkedFetch(options.fetch);
  const sentAt = Date.now();
  let response: Response;
  try {
    response = await fetchImpl(request.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
      redirect: 'manual',
      signal,
    });
  } catch (cause) {
    if (signal.aborted) throw signal.reason;
    if (cause instanceof MmdConfigurationError) throw cause;
    return new AttemptFailure(
      `Token request failed: could not reach ${new URL(request.tokenUrl).origin}: ${describeCause(cause, redact())}`,
      { retryable: true },
      undefined,
      cause,
    );
  }
  if (response.status >= 300 && response.status < 400) {
    discardBody(response);
    return new AttemptFailure(
      `Token request failed: the token endpoint answered ${response.status} with a redirect, which is never followed; check authorityHost`,
      { status: response.status, retryable: false },
    );
  }
  const body = await readBoundedText(response, options.maxResponseBytes, signal);
  if (!body.ok) {
    return new AttemptFailure(
      `Token request failed: the token endpoint's answer (${response.status}) is larger than maxResponseBytes (${body.limit} bytes) and was not read`,
      { status: response.status, retryable: false },
    );
  }
  if (response.ok) return resultFromBody(response, body.text, sentAt, redact());
  return errorFromBody(response, parseJson(body.text), redact(), options.maxRetryDelay);
}

/**
 * POSTs the client-credentials form to the token endpoint. One deadline (`timeout`) bounds each
 * attempt: the client authentication, the request and the whole answer. Retries 408, 429, 5xx,
 * timeouts and network errors up to `maxRetries` times, waiting as `Retry-After` says or with
 * jittered backoff, never longer than `maxRetryDelay`. `signal` cancels everything, waits included.
 */
export async function requestToken(
  request: TokenEndpointRequest,
  signal?: AbortSignal,
): Promise<TokenEndpointResult> {
  const { options } = request;
  // Asked anew each time: an assertion credential's secret changes with every attempt.
  const redact = request.redactor;
  for (let attemptNumber = 1; ; attemptNumber++) {
    signal?.throwIfAborted();
    const deadline = startDeadline(options.timeout, signal);
    let outcome: TokenEndpointResult | AttemptFailure;
    try {
      outcome = await deadline.race(attempt(request, deadline.signal, redact));
    } catch (cause) {
      if (signal?.aborted) throw signal.reason;
      // A programmer's error (a callback that returned no assertion) is never retried.
      if (cause instanceof MmdConfigurationError) throw cause;
      outcome = deadline.timedOut
        ? new AttemptFailure(`Token request failed: no answer within ${options.timeout} ms`, {
            retryable: true,
          })
        : new AttemptFailure(
            `Token request failed: ${describeCause(cause, redact())}`,
            { retryable: false },
            undefined,
            cause,
          );
    } finally {
      deadline.clear();
    }
    if (!(outcome instanceof AttemptFailure)) {
      options.logger.debug(`token acquired on attempt ${attemptNumber}`);
      return outcome;
    }
    const failure = outcome;
    if (!failure.details.retryable || attemptNumber > options.maxRetries) {
      const scrub = redact();
      throw new TokenRequestError(
        scrub(
          sentence(`${failure.message}${attemptNumber > 1 ? ` (after ${attemptNumber} attempts)` : ''}`) +
            (failure.details.hint ? ` Hint: ${sentence(failure.details.hint)}` : ''),
        ),
        { ...failure.details, attempts: attemptNumber },
        failure.cause === undefined ? undefined : { cause: sanitizeCause(failure.cause, scrub) },
      );
    }
    const delay = Math.min(
      failure.retryAfter ?? backoffDelay(attemptNumber - 1, options.maxRetryDelay),
      options.maxRetryDelay,
    );
    options.logger.debug(
      redact()(
        `${failure.message}; retrying in ${Math.round(delay)} ms (attempt ${attemptNumber + 1} of ${options.maxRetries + 1}).`,
      ),
    );
    await sleep(delay, signal);
  }
}
