import { MmdConfigurationError, UnsafeRequestError } from './errors';

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/** Checks `baseUrl` at client creation: https, or plain http to a loopback host (tests, the mock tenant). */
export function parseBaseUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new MmdConfigurationError(
      `baseUrl must be an absolute URL such as https://mmdls.microsoft.com/support/odata/v1.`,
    );
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new MmdConfigurationError(
      `baseUrl must use https (plain http is allowed only for loopback addresses); got ${url.protocol}//${url.host}. The bearer token must not travel in clear text.`,
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new MmdConfigurationError('baseUrl must not hold credentials, a query or a fragment.');
  }
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url;
}

/** Whether `target` lies under `base`: same origin, and a path below the base path. */
export function isUnderBaseUrl(target: URL, base: URL): boolean {
  return (
    target.origin === base.origin &&
    (target.pathname === base.pathname || target.pathname.startsWith(`${base.pathname}/`))
  );
}

/** Throws unless the request goes where the bearer token may go. */
export function assertTrustedTarget(operation: string, target: string, base: URL, baseText: string): void {
  // Request URLs are already normalized (lower-case host, no dot segments): a prefix test suffices.
  if (target.startsWith(`${baseText}/`) || target.startsWith(`${baseText}?`)) return;
  const url = new URL(target);
  if (!isUnderBaseUrl(url, base)) {
    throw new UnsafeRequestError(
      `${operation}: refusing to send the bearer token to ${url.origin === base.origin ? `${url.origin}${url.pathname} (outside the API base path)` : url.origin}; it only goes to ${base.origin}${base.pathname}.`,
    );
  }
}
