import { describeOrigin, isUnderServiceUrl, parseServiceUrl, serviceUrlText } from '@mmd-sdk/core';
import { DEFAULT_BASE_URL } from '../client/client-options';
import { UnsafeRequestError } from '../errors/api-errors';

/** The API's base URL, checked once: where requests go and the only place the bearer token goes. */
export interface BaseUrl {
  readonly url: URL;
  /** Origin and path without a trailing slash: `https://gw.contoso.com` at a host's root. */
  readonly text: string;
}

/** Checks `baseUrl` at client creation: https, or plain http to a loopback host (tests, the mock tenant). */
export function parseBaseUrl(value: unknown): BaseUrl {
  const url = parseServiceUrl(value ?? DEFAULT_BASE_URL, 'baseUrl', DEFAULT_BASE_URL);
  return { url, text: serviceUrlText(url) };
}

/** Throws unless the request goes where the bearer token may go: same origin, at or below the base path. */
export function assertTrustedTarget(operation: string, target: string, base: BaseUrl): void {
  // Request URLs are already normalized (lower-case host, no dot segments): a prefix test suffices.
  if (target.startsWith(`${base.text}/`) || target.startsWith(`${base.text}?`)) return;
  const url = new URL(target);
  if (!isUnderServiceUrl(url, base.url)) {
    // Only the origin is named: a path chosen by a server (a nextLink, a redirect) may carry anything, the token included.
    throw new UnsafeRequestError(
      `${operation}: refusing to send the bearer token to ${url.origin === base.url.origin ? `a path of ${url.origin} outside the API base path` : describeOrigin(url)}; it only goes to ${base.text}/.`,
    );
  }
}
