import { REDACTED, type Redactor } from '@mmd-sdk/core';

/** How many of its latest tokens a credential scrubs from what an endpoint echoes. */
const MAX_REMEMBERED = 16;

/**
 * Anything JWT-shaped (`eyJ…​.…​.…`) an endpoint sends back: an Entra or managed identity access
 * token, or an assertion, which is never quoted, whoever's it is.
 */
const JWT_SHAPED = /eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g;

/**
 * The tokens a credential got (from the endpoint or its store), latest last: an endpoint that
 * echoes one in a later error (an `error_description` that quotes it) must not put it in a message,
 * an inspected error or a log line.
 */
export class IssuedTokens {
  readonly #tokens = new Set<string>();

  /** Remembers a token the credential now serves; the oldest beyond the last 16 is forgotten. */
  remember(token: string): void {
    if (this.#tokens.has(token)) return;
    this.#tokens.add(token);
    if (this.#tokens.size > MAX_REMEMBERED) {
      const [oldest] = this.#tokens;
      if (oldest !== undefined) this.#tokens.delete(oldest);
    }
  }

  /** The remembered tokens, oldest first. */
  values(): string[] {
    return [...this.#tokens];
  }
}

/** A redactor that also replaces anything JWT-shaped with `[REDACTED]`. */
export function withoutJwts(redact: Redactor): Redactor {
  return (text) => (typeof text === 'string' ? redact(text).replace(JWT_SHAPED, REDACTED) : text);
}
