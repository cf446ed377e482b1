import packageJson from '../package.json';

/** The SDK's version, from its package.json. */
export const VERSION: string = packageJson.version;

/** `<prefix> mmd-sdk-js/<version> node/<version>`. */
export function createUserAgent(prefix: string | undefined): string {
  const own = `mmd-sdk-js/${VERSION} node/${process.versions.node}`;
  return prefix ? `${prefix} ${own}` : own;
}
