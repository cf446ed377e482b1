import { INSPECT, REDACTED } from './redact';
import type { AccessToken } from './types';

/**
 * A token in the `AccessToken` shape. `token` is an ordinary property (spreads and `@azure/core-auth`
 * consumers read it as usual), while printing or serializing the object shows `[REDACTED]`.
 */
class RedactedAccessToken implements AccessToken {
  readonly tokenType = 'Bearer' as const;

  constructor(
    readonly token: string,
    readonly expiresOnTimestamp: number,
    readonly refreshAfterTimestamp: number,
  ) {}

  toJSON(): Record<string, unknown> {
    return {
      token: REDACTED,
      expiresOnTimestamp: this.expiresOnTimestamp,
      refreshAfterTimestamp: this.refreshAfterTimestamp,
      tokenType: this.tokenType,
    };
  }

  [INSPECT](): Record<string, unknown> {
    return this.toJSON();
  }
}

export function createAccessToken(
  token: string,
  expiresOnTimestamp: number,
  refreshAfterTimestamp: number,
): AccessToken {
  // Shared by every caller until it is refreshed, so nobody may change it.
  return Object.freeze(new RedactedAccessToken(token, expiresOnTimestamp, refreshAfterTimestamp));
}
