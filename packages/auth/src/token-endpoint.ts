import { hintForErrorCodes } from './aadsts-hints';
import { AuthenticationError, TokenRequestError, type TokenRequestErrorDetails } from './errors';
import { redactSecrets } from './redact';
import { backoffDelay, parseRetryAfter, RETRYABLE_STATUSES, sleep } from './retry-policy';
import type { ResolvedCommonOptions } from './validate-options';

/** One token request, retried as the options allow. */
export interface TokenEndpointRequest {
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  /** The client-authentication form fields, built anew for every attempt (a fresh assertion each time). */
  readonly clientAuthentication: (signal: AbortSignal) => Promise<Record<string, string>>;
  readonly options: ResolvedCommonOptions;
  /** Values to scrub from anything the endpoint echoes back (secret, assertion). */
  readonly secrets: () => Iterable<string>;
}

export interface TokenEndpointResult {
  readonly accessToken: string;
  /** When the successful attempt was sent, in milliseconds since the epoch: lifetimes count from here. */
  readonly sentAt: number;
  readonly expiresInSeconds: number;
  readonly refreshInSeconds: number | undefined;
}

const MAX_LIFETIME_SECONDS = 24 * 60 * 60;

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

function oneLine(text: string): string {
  // Entra appends "\r\nTrace ID: …\r\nCorrelation ID: …\r\nTimestamp: …"; those are fields of their own.
  const [first = ''] = text.split(/\r?\nTrace ID:/);
  return first.replace(/\s+/g, ' ').trim();
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describeBody(response: Response, text: string): string {
  if (text.trim() === '') return 'an empty body';
  const type = response.headers.get('content-type')?.split(';')[0]?.trim();
  if (/^\s*</.test(text)) return `an HTML page${type ? ` (${type})` : ''}`;
  return `a body that is not JSON${type ? ` (${type})` : ''}`;
}

function errorFromBody(response: Response, body: unknown, scrub: (text: string) => string): AttemptFailure {
  const status = response.status;
  const fields = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const errorCodes = Array.isArray(fields.error_codes)
    ? fields.error_codes.map(Number).filter((code) => Number.isInteger(code))
    : [];
  // Scrub before reshaping the text, so that a secret the endpoint echoes back is found as sent.
  const text = (value: unknown) => {
    const string = asString(value);
    return string === undefined ? undefined : scrub(string);
  };
  const error = text(fields.error);
  const description = text(fields.error_description);
  const errorDescription = description === undefined ? undefined : oneLine(description);
  const hint = hintForErrorCodes(errorCodes);
  const retryable = RETRYABLE_STATUSES.has(status);
  const what =
    [error, errorDescription].filter(Boolean).join(': ') || response.statusText || 'no error details';
  return new AttemptFailure(
    `Token request failed: ${status} ${what.replace(/\.$/, '')}`,
    {
      status,
      error,
      errorDescription,
      errorCodes,
      traceId: text(fields.trace_id),
      correlationId: text(fields.correlation_id),
      timestamp: text(fields.timestamp),
      retryable,
      hint,
    },
    retryable ? parseRetryAfter(response.headers) : undefined,
  );
}

function resultFromBody(
  response: Response,
  text: string,
  sentAt: number,
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
    return invalid(body === undefined ? describeBody(response, text) : 'JSON that is not an object', true);
  }
  const fields = body as Record<string, unknown>;
  const accessToken = fields.access_token;
  if (typeof accessToken !== 'string' || accessToken === '') return invalid('no access_token');
  const tokenType = fields.token_type;
  if (typeof tokenType !== 'string' || tokenType.toLowerCase() !== 'bearer') {
    return invalid(
      `token_type ${typeof tokenType === 'string' ? `"${tokenType}"` : 'missing'}; expected "Bearer"`,
    );
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
  scrub: (text: string) => string,
): Promise<TokenEndpointResult | AttemptFailure> {
  const { options } = request;
  const form = new URLSearchParams({
    client_id: request.clientId,
    scope: request.scopes.join(' '),
    grant_type: 'client_credentials',
    ...(await request.clientAuthentication(signal)),
  });
  const fetchImpl = options.fetch ?? globalThis.fetch;
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
    return new AttemptFailure(
      `Token request failed: could not reach ${new URL(request.tokenUrl).origin}: ${cause instanceof Error ? cause.message : String(cause)}`,
      { retryable: true },
      undefined,
      cause,
    );
  }
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel();
    return new AttemptFailure(
      `Token request failed: the token endpoint answered ${response.status} with a redirect, which is never followed; check authorityHost`,
      { status: response.status, retryable: false },
    );
  }
  const text = await response.text();
  if (response.ok) return resultFromBody(response, text, sentAt);
  return errorFromBody(response, parseJson(text), scrub);
}

function timeoutSignal(
  ms: number,
  outer: AbortSignal | undefined,
): { signal: AbortSignal; done: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException(`timed out after ${ms} ms`, 'TimeoutError')),
    ms,
  );
  const onAbort = () => controller.abort(outer?.reason);
  outer?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    done: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    },
  };
}

/**
 * POSTs the client-credentials form to the token endpoint. Retries 408, 429, 5xx, timeouts and
 * network errors up to `maxRetries` times, waiting as `Retry-After` says or with jittered backoff.
 * `signal` cancels everything, waits included.
 */
export async function requestToken(
  request: TokenEndpointRequest,
  signal?: AbortSignal,
): Promise<TokenEndpointResult> {
  const { options } = request;
  const scrub = (text: string) => redactSecrets(text, request.secrets());
  for (let attemptNumber = 1; ; attemptNumber++) {
    signal?.throwIfAborted();
    const timeout = timeoutSignal(options.timeout, signal);
    let outcome: TokenEndpointResult | AttemptFailure;
    try {
      outcome = await attempt(request, timeout.signal, scrub);
    } catch (cause) {
      // Only reading the body or building the assertion can get here.
      if (signal?.aborted) throw signal.reason;
      if (cause instanceof AuthenticationError) throw cause;
      const timedOut = timeout.signal.aborted;
      outcome = new AttemptFailure(
        timedOut
          ? `Token request failed: no answer within ${options.timeout} ms`
          : `Token request failed: ${cause instanceof Error ? cause.message : String(cause)}`,
        { retryable: timedOut },
        undefined,
        cause,
      );
    } finally {
      timeout.done();
    }
    if (!(outcome instanceof AttemptFailure)) {
      options.logger.debug?.(`[mmd-auth] token acquired on attempt ${attemptNumber}`);
      return outcome;
    }
    if (signal?.aborted) throw signal.reason;
    const failure =
      outcome.details.status === undefined && timeout.signal.aborted
        ? new AttemptFailure(`Token request failed: no answer within ${options.timeout} ms`, {
            retryable: true,
          })
        : outcome;
    if (!failure.details.retryable || attemptNumber > options.maxRetries) {
      throw new TokenRequestError(
        scrub(
          `${failure.message}${attemptNumber > 1 ? ` (after ${attemptNumber} attempts)` : ''}.${
            failure.details.hint ? ` Hint: ${failure.details.hint}.` : ''
          }`,
        ),
        {
          ...failure.details,
          attempts: attemptNumber,
        },
        failure.cause === undefined ? undefined : { cause: failure.cause },
      );
    }
    const delay = failure.retryAfter ?? backoffDelay(attemptNumber - 1);
    options.logger.debug?.(
      `[mmd-auth] ${scrub(failure.message)}; retrying in ${Math.round(delay)} ms (attempt ${attemptNumber + 1} of ${options.maxRetries + 1}).`,
    );
    await sleep(delay, signal);
  }
}
