/**
 * Splits a path (`/a/b%2Fc`) into its segments (`a`, `b/c`), each percent-decoded on its own so that
 * an encoded `/` stays inside its segment. `undefined` when an escape is malformed (`%zz`, `%E0%A4%A`).
 */
export function decodePathSegments(path: string): string[] | undefined {
  try {
    return path
      .split('/')
      .filter((segment, index) => index > 0 || segment !== '')
      .map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

/** The 400 message for a path with a malformed percent-escape. */
export const MALFORMED_PATH_MESSAGE =
  'The request URI is not valid: the path holds a malformed percent-escape (% must be followed by two hex digits of UTF-8).';
