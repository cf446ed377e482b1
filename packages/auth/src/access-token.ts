import { INSPECT, REDACTED } from './redact';
import type { CachedToken } from './token-cache';
import type { AccessToken } from './types';

/**
 * Wraps a cached token in the `AccessToken` shape. `token` stays an ordinary property (spreads and
 * `@azure/core-auth` consumers read it as usual), while printing or serializing the object shows
 * `[REDACTED]`.
 */
export function toAccessToken(cached: CachedToken): AccessToken {
  const visible = () => ({
    token: REDACTED,
    expiresOnTimestamp: cached.expiresOn,
    refreshAfterTimestamp: cached.refreshAfter,
    tokenType: 'Bearer' as const,
  });
  const accessToken = {
    token: cached.token,
    expiresOnTimestamp: cached.expiresOn,
    refreshAfterTimestamp: cached.refreshAfter,
    tokenType: 'Bearer' as const,
  };
  Object.defineProperties(accessToken, {
    toJSON: { value: visible, enumerable: false },
    [INSPECT]: { value: visible, enumerable: false },
  });
  return accessToken;
}
