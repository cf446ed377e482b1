const REDACTED = '[REDACTED]';

/**
 * Replaces the bearer token wherever a server echoed it back (message, body, headers): an error must
 * never carry the token into a log. Objects and arrays are copied, strings rewritten.
 */
export function redactToken<T>(value: T, token: string | undefined): T {
  if (!token || token.length < 8) return value;
  const scrub = (item: unknown): unknown => {
    if (typeof item === 'string') return item.includes(token) ? item.split(token).join(REDACTED) : item;
    if (Array.isArray(item)) return item.map(scrub);
    if (item && typeof item === 'object') {
      return Object.fromEntries(
        Object.entries(item as Record<string, unknown>).map(([key, entry]) => [key, scrub(entry)]),
      );
    }
    return item;
  };
  return scrub(value) as T;
}

/** The token of a `Bearer` Authorization header. */
export function bearerTokenOf(request: Request | undefined): string | undefined {
  return /^Bearer (.+)$/i.exec(request?.headers.get('authorization') ?? '')?.[1];
}
