import { oneLine } from '../text/one-line';

/**
 * A copy of an error fit to ride along as `cause`: its name, `code` and message (redacted and cut to
 * one line) and, likewise, up to three of its own causes. Nothing else is kept, so no request
 * object, header or body that the original held can reach a log through the cause chain.
 */
export function sanitizeCause(error: unknown, redact: (text: string) => string, depth = 0): Error {
  const source = error instanceof Error ? error : undefined;
  const message = oneLine(source ? source.message : String(error), undefined, redact);
  const next =
    source?.cause !== undefined && depth < 3 ? sanitizeCause(source.cause, redact, depth + 1) : undefined;
  const copy = new Error(message, next === undefined ? undefined : { cause: next });
  const name = source?.name;
  if (typeof name === 'string' && name !== 'Error') copy.name = oneLine(name, 60, redact);
  const code = (source as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' || typeof code === 'number') {
    Object.defineProperty(copy, 'code', {
      value: typeof code === 'string' ? oneLine(code, 60, redact) : code,
      enumerable: true,
    });
  }
  copy.stack = `${copy.name}: ${message}`;
  return copy;
}

/** The message of whatever was thrown, redacted and on one line, for use inside another message. */
export function describeCause(error: unknown, redact: (text: string) => string): string {
  const source = error instanceof Error ? error : undefined;
  const inner = source?.cause instanceof Error ? source.cause.message : undefined;
  return oneLine(inner ?? (source ? source.message : String(error)), 200, redact);
}
