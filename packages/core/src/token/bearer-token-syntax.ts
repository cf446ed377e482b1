/** The longest access token accepted: Entra's are 1–3 KB; anything near a header limit is not a token. */
export const MAX_TOKEN_LENGTH = 16_384;

// RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/** Whether a value can be sent as `Authorization: Bearer <value>` (RFC 6750 syntax, bounded length). */
export function isBearerTokenSyntax(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_TOKEN_LENGTH && B64TOKEN.test(value);
}
