/** The exit codes of `mmd`, listed in `mmd --help`. */
export const EXIT = { ok: 0, api: 1, usage: 2, auth: 3, network: 4 } as const;

export const EXIT_CODES_HELP = `Exit codes:
  0  success
  1  the API answered with an error (400, 403, 404, 409, 429, 5xx, an answer it cannot read)
  2  usage: an unknown command or option, a bad value, a write without --yes when stdin is not a terminal
  3  authentication: no credential, a token request refused (AADSTS…), a 401, a credential misconfigured
  4  network: the API or the token endpoint cannot be reached or did not answer in time`;

/** A command line that cannot run: exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Sign-in that cannot work as configured (no credential, a secret in the config file): exit 3. */
export class SignInError extends Error {
  override readonly name = 'SignInError';
}

const NETWORK_CODES =
  /\b(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE|UND_ERR_\w+)\b/;
const NETWORK = new Set(['ConnectionError', 'TimeoutError']);
const AUTH = new Set([
  'TokenRequestError',
  'AuthenticationError',
  'CredentialUnavailableError',
  'SignInError',
]);

function isTokenRequestNetworkFailure(error: Error): boolean {
  // A token endpoint that could not be reached: no HTTP status at all.
  const details = error as Error & { status?: number; error?: string };
  return error.name === 'TokenRequestError' && details.status === undefined && details.error === undefined;
}

/**
 * The exit code of an error, by class name (the SDK is loaded lazily, so `instanceof` would load it):
 * 4 network, 3 authentication, 2 usage, 1 any other API error.
 */
export function exitCodeOf(error: unknown): number {
  if (!(error instanceof Error)) return EXIT.api;
  if (NETWORK.has(error.name)) return EXIT.network;
  if (isTokenRequestNetworkFailure(error)) return EXIT.network;
  // The SDK reports some socket failures (undici's ECONNREFUSED) as a plain MmdApiError without status.
  if (
    error.name === 'MmdApiError' &&
    (error as Error & { status?: number }).status === undefined &&
    NETWORK_CODES.test(`${error.message} ${(error.cause as { code?: string } | undefined)?.code ?? ''}`)
  ) {
    return EXIT.network;
  }
  if (AUTH.has(error.name)) return EXIT.auth;
  if (error.name === 'UsageError' || error.name === 'CommanderError') return EXIT.usage;
  if (error.name === 'MmdConfigurationError' || error.name === 'MockConfigurationError') {
    // A credential option (tenantId, clientId, a certificate, a cache key) is sign-in; any other is usage.
    const option = String((error as Error & { option?: unknown }).option ?? '');
    return /tenant|client|secret|certificate|assertion|authority|cache|credential|token|identity|AZURE_|MMD_TOKEN/i.test(
      option,
    )
      ? EXIT.auth
      : EXIT.usage;
  }
  return EXIT.api;
}

/** One line for stderr: the message only (the SDK's messages already say what to fix). */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const hint = (error as Error & { hint?: unknown }).hint;
  const message = error.message.split('\n')[0] ?? error.name;
  return typeof hint === 'string' && hint !== '' && !message.includes(hint) ? `${message} ${hint}` : message;
}
