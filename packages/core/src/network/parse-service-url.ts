import { MmdConfigurationError } from '../errors/configuration-error';
import { isLoopbackHost } from './loopback-host';

/**
 * Checks a URL that credentials or tokens are sent to (an authority host, an API base URL): absolute,
 * https (plain http only to a loopback address), without credentials, query or fragment. Returns it
 * with no trailing slash, so `https://host/` and `https://host` are the same root.
 */
export function parseServiceUrl(value: unknown, option: string, example: string): URL {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new MmdConfigurationError(option, `${option} must be an absolute URL such as ${example}.`);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new MmdConfigurationError(option, `${option} must be an absolute URL such as ${example}.`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new MmdConfigurationError(
      option,
      `${option} must use https (plain http is allowed only for loopback addresses such as the mock tenant); got ${url.protocol}//${url.host}.`,
    );
  }
  if (url.username || url.password || url.search || url.hash || value.includes('#') || value.includes('?')) {
    throw new MmdConfigurationError(
      option,
      `${option} must not hold credentials, a query or a fragment; use a plain URL such as ${example}.`,
    );
  }
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url;
}

/** `origin` + path without a trailing slash: `https://host` for a root URL, `https://host/base` below it. */
export function serviceUrlText(url: URL): string {
  return `${url.origin}${servicePath(url)}`;
}

/** The path of a service URL without a trailing slash: `''` at the root of a host. */
export function servicePath(url: URL): string {
  // `parseServiceUrl` strips trailing slashes already; a `new URL('https://host/base/')` has one.
  return url.pathname.replace(/\/+$/, '');
}

/** Whether `target` lies under `base`: same origin, and a path at or below the base path. */
export function isUnderServiceUrl(target: URL, base: URL): boolean {
  const basePath = servicePath(base);
  return (
    target.origin === base.origin &&
    (basePath === '' || target.pathname === basePath || target.pathname.startsWith(`${basePath}/`))
  );
}

/**
 * Names a server-chosen URL's origin for a message without carrying what a hostile server could
 * hide there: a long host name (a token spelled as DNS labels) is withheld, and no path is shown.
 */
export function describeOrigin(url: URL): string {
  return url.host.length <= 40
    ? url.origin
    : `another origin (its ${url.host.length}-character host name withheld)`;
}
