import { createRedactorMemo } from '@mmd-sdk/core';
import { withoutJwts } from '../token-endpoint/issued-tokens';
import { requestToken } from '../token-endpoint/request-token';
import type { RequestTrace, TokenResult } from '../token-endpoint/token-request';
import { TokenRequestError } from '../token-endpoint/token-request-error';
import type { ClientAuthenticator } from './authenticator';
import type { ClientSettings } from './check-options';
import { TokenClient, type TokenIssuer } from './token-client';

/**
 * The client-credentials grant with an authenticator: asks Entra's token endpoint, and follows the
 * authenticator's fallback once when Entra refuses the client (keeping it when it works).
 */
class ConfidentialIssuer implements TokenIssuer {
  readonly #settings: ClientSettings;
  readonly #redactor = createRedactorMemo();
  #authenticator: ClientAuthenticator;

  constructor(settings: ClientSettings, authenticator: ClientAuthenticator) {
    this.#settings = settings;
    this.#authenticator = authenticator;
  }

  async issue(scopes: readonly string[], trace: RequestTrace): Promise<TokenResult> {
    const authenticator = this.#authenticator;
    try {
      return await this.#request(scopes, authenticator, trace);
    } catch (error) {
      const fallback = error instanceof TokenRequestError ? authenticator.afterRefusal?.(error) : undefined;
      if (!fallback) throw error;
      this.#settings.requests.logger.warn(fallback.warning);
      const result = await this.#request(scopes, fallback.authenticator, trace);
      // It worked: from now on this credential authenticates that way.
      this.#authenticator = fallback.authenticator;
      return result;
    }
  }

  #request(
    scopes: readonly string[],
    authenticator: ClientAuthenticator,
    trace: RequestTrace,
  ): Promise<TokenResult> {
    const { tokenUrl, clientId, requests } = this.#settings;
    return requestToken({
      tokenUrl,
      clientId,
      scopes,
      clientAuthentication: (signal) => authenticator.formFields(signal),
      redactor: () =>
        withoutJwts(this.#redactor([...authenticator.secrets(), ...requests.issuedTokens.values()])),
      options: requests,
      trace,
    });
  }
}

/**
 * What every client-credentials credential holds: a `TokenClient` (cache, store, single flight,
 * telemetry) around Entra's token endpoint, authenticating with `authenticator`.
 * @param credential the credential's class name, for telemetry.
 */
export function createConfidentialClient(
  credential: string,
  settings: ClientSettings,
  authenticator: ClientAuthenticator,
): TokenClient {
  const { authorityHost, tenantId, clientId } = settings;
  const identity = {
    credential,
    kind: 'client-credentials',
    tenantId,
    clientId,
    serverAddress: new URL(authorityHost).hostname,
    keyPrefix: `${authorityHost}|${tenantId}|${clientId}`,
    shown: { tenantId, clientId, authorityHost },
  };
  return new TokenClient(identity, settings, new ConfidentialIssuer(settings, authenticator));
}
