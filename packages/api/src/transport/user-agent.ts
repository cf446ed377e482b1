import { checkHeaderValue } from '@mmd-sdk/core';
import packageJson from '../../package.json';

/** The SDK's version, from its package.json. */
export const VERSION: string = packageJson.version;

/** `<prefix> mmd-sdk-js/<version> node/<version>`; the prefix must be a valid header value. */
export function createUserAgent(prefix: unknown): string {
  const own = `mmd-sdk-js/${VERSION} node/${process.versions.node}`;
  if (prefix === undefined || prefix === '') return own;
  return `${checkHeaderValue(prefix, 'userAgent')} ${own}`;
}
