import { isBearerTokenSyntax, type Redactor } from '@mmd-sdk/core';
import { parseJson } from '../shared/parse-json';
import { AttemptFailure } from './attempt-failure';
import { echoed, QUOTABLE_CODE } from './echoed-text';
import type { TokenResult } from './token-request';

/** Longer lifetimes are cut to this: no Entra token lives longer, and a bogus one must not stick. */
const MAX_LIFETIME_SECONDS = 24 * 60 * 60;

function readSeconds(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+(?:\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

function describeBody(response: Response, text: string, redact: Redactor): string {
  if (text.trim() === '') return 'an empty body';
  const type = echoed(response.headers.get('content-type')?.split(';')[0]?.trim(), redact, 60);
  if (/^\s*</.test(text)) return `an HTML page${type ? ` (${type})` : ''}`;
  return `a body that is not JSON${type ? ` (${type})` : ''}`;
}

/**
 * Reads a 2xx answer: a usable Bearer token with a positive lifetime, or the failure that says what
 * is wrong with it (without quoting the token).
 */
export function readTokenAnswer(
  response: Response,
  text: string,
  sentAt: number,
  redact: Redactor,
): TokenResult | AttemptFailure {
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
      typeof tokenType === 'string' && QUOTABLE_CODE.test(tokenType)
        ? `"${tokenType}"`
        : 'missing or malformed';
    return invalid(`token_type ${shown}; expected "Bearer"`);
  }
  // Entra and IMDS send `expires_in`; App Service sends only `expires_on`, in seconds since the epoch.
  const givenExpiresIn = readSeconds(fields.expires_in);
  const expiresOn = readSeconds(fields.expires_on);
  const expiresIn = givenExpiresIn ?? (expiresOn === undefined ? undefined : expiresOn - sentAt / 1000);
  if (expiresIn === undefined) return invalid('expires_in missing or not a number');
  if (expiresIn <= 0) {
    return invalid(
      givenExpiresIn === undefined
        ? 'an expires_on in the past'
        : `expires_in ${expiresIn}; expected a positive number of seconds`,
    );
  }
  const refreshIn = readSeconds(fields.refresh_in);
  return {
    accessToken,
    sentAt,
    expiresInSeconds: Math.min(expiresIn, MAX_LIFETIME_SECONDS),
    refreshInSeconds:
      refreshIn !== undefined && refreshIn > 0 && refreshIn < expiresIn ? refreshIn : undefined,
  };
}
