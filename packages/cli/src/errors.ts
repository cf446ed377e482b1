import { oneLine } from '@mmd-sdk/core';

/** The exit codes of `mmd`, listed in `mmd --help`. */
export const EXIT = { ok: 0, api: 1, usage: 2, auth: 3, network: 4, interrupted: 130 } as const;

export const EXIT_CODES_HELP = `Exit codes:
  0  success
  1  the API answered with an error (400, 403, 404, 409, 429, 5xx, an answer it cannot read)
  2  usage: an unknown command or option, a bad value, a write without --yes when stdin is not a terminal
  3  authentication: no credential, a token request refused (AADSTS…), a 401, a credential misconfigured
  4  network: the API or the token endpoint cannot be reached or did not answer in time
  130  interrupted: Ctrl-C at a prompt or during a command`;

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
const TOO_LARGE = /Headers Overflow|UND_ERR_HEADERS_OVERFLOW|UND_ERR_RES_EXCEEDED_MAX_SIZE/;
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
  // An answer too large to read (its headers, its body) came over a working network: an API error.
  if (TOO_LARGE.test(`${error.message} ${(error.cause as { code?: string } | undefined)?.code ?? ''}`)) {
    return EXIT.api;
  }
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
  // Ctrl-C at an @inquirer prompt.
  if (error.name === 'ExitPromptError' || error.name === 'AbortPromptError') return EXIT.interrupted;
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

/** The longest error line written; the SDK's messages, cause and fix included, fit well within it. */
const MAX_ERROR_LINE = 1000;

/**
 * One line for stderr: the message (the SDK's messages already say what to fix) with its line breaks
 * folded, never cut to its first line, so a cause on the second line stays, and the hint after it.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return oneLine(String(error), MAX_ERROR_LINE);
  if (error.name === 'ExitPromptError' || error.name === 'AbortPromptError') {
    return 'interrupted: nothing was sent.';
  }
  const hint =
    (error as Error & { hint?: unknown }).hint ??
    (error.name === 'AuthenticationError'
      ? 'The API refused the token: check that the app has the MmdSupport.ReadWrite application permission with admin consent in this tenant, then run mmd logout.'
      : undefined);
  const message = error.message === '' ? error.name : error.message;
  const text =
    typeof hint === 'string' && hint !== '' && !message.includes(hint) ? `${message} ${hint}` : message;
  return oneLine(text, MAX_ERROR_LINE);
}

const SECRET_FLAG = /secret|password|passwd|token|assertion|private|(^|-)key$/i;

/**
 * Commander's parse error as one line of our own: no `error:` prefix, no value of an unknown
 * `--flag=value` (it may be a secret typed where none is taken), and a flag that looks like a secret
 * answered with where a secret does go.
 */
export function usageLine(text: string): string {
  // Values are never repeated: one typed in the wrong place may be a secret.
  const line = oneLine(text.replace(/^error:\s*/i, ''), MAX_ERROR_LINE)
    .replace(/'(-{1,2}[^'=\s]+)=[^']*'/g, "'$1=…'")
    .replace(/ argument '[^']*' is invalid/g, "'s value is invalid")
    .replace(
      /command-argument value '[^']*' is invalid for argument '([^']*)'/g,
      'the value of <$1> is invalid',
    );
  const unknown = /unknown option '-{1,2}([^'=\s]+)/.exec(line)?.[1];
  if (unknown !== undefined && SECRET_FLAG.test(unknown)) {
    return `a secret is never taken on the command line (--${unknown}): set AZURE_CLIENT_SECRET, pass --certificate <pem>, or type it when mmd asks on a terminal.`;
  }
  return `${line.replace(/\.$/, '')} (add --help for usage).`;
}
