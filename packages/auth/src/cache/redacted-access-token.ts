import { REDACTED } from '@mmd-sdk/core';
import { INSPECT } from '../shared/inspect';
import type { AccessToken } from '../shared/types';
import type { TokenResult } from '../token-endpoint/token-request';

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

/**
 * The `AccessToken` for an issued token: it expires `expires_in` after the request was sent, and is
 * refreshed in the background from `refresh_in`, else `refreshBeforeExpiry` before expiry, else
 * (for a lifetime shorter than that) half-way through.
 */
export function createAccessToken(issued: TokenResult, refreshBeforeExpiry: number): AccessToken {
  const lifetime = issued.expiresInSeconds * 1000;
  const expiresOn = issued.sentAt + lifetime;
  const refreshAfter =
    issued.refreshInSeconds !== undefined
      ? issued.sentAt + issued.refreshInSeconds * 1000
      : lifetime > refreshBeforeExpiry
        ? expiresOn - refreshBeforeExpiry
        : issued.sentAt + lifetime / 2;
  return accessTokenOf(issued.accessToken, expiresOn, refreshAfter);
}

/** The `AccessToken` for a token and its times (milliseconds since the epoch), as a store kept them. */
export function accessTokenOf(token: string, expiresOn: number, refreshAfter: number): AccessToken {
  // Shared by every caller until it is refreshed, so nobody may change it.
  return Object.freeze(new RedactedAccessToken(token, expiresOn, refreshAfter));
}
