export const REDACTED = '[REDACTED]';

/** The symbol `util.inspect` looks for, without importing `node:util`. */
export const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** Replaces every occurrence of the given secrets in a text with `[REDACTED]`. */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  let result = text;
  for (const secret of secrets) {
    // Very short values would redact innocent text and protect nothing.
    if (secret.length >= 4) result = result.split(secret).join(REDACTED);
  }
  return result;
}
