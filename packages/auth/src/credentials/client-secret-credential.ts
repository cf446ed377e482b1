import { checkNonEmptyString } from '@mmd-sdk/core';
import { INSPECT } from '../shared/inspect';
import type { AccessToken, GetTokenOptions, TokenCredential } from '../shared/types';
import type { ClientAuthenticator } from './authenticator';
import { readCredentialArguments, resolveClientSettings } from './check-options';
import type { CommonCredentialOptions } from './common-options';
import { createConfidentialClient } from './confidential-client';
import type { TokenClient } from './token-client';

export interface ClientSecretCredentialOptions extends CommonCredentialOptions {
  /**
   * The directory (tenant) ID GUID, or a verified domain such as `contoso.onmicrosoft.com`: the
   * tenant whose Entra ID issues the tokens (the customer's, never `common`). Required.
   */
  tenantId: string;
  /** The application (client) ID GUID of the app registration the tokens are for. Required. */
  clientId: string;
  /**
   * The client secret's **Value** (not its Secret ID), from "Certificates & secrets": what proves
   * the app's identity. Required.
   */
  clientSecret: string;
}

/** Sends the secret itself with every attempt. */
function secretAuthenticator(clientSecret: string): ClientAuthenticator {
  return {
    formFields: async () => ({ client_secret: clientSecret }),
    secrets: () => [clientSecret],
  };
}

/** Gets tokens with the client-credentials grant, authenticating the app with a client secret. */
export class ClientSecretCredential implements TokenCredential {
  /** The directory (tenant) ID or domain the tokens are issued by. */
  readonly tenantId: string;
  /** The application (client) ID. */
  readonly clientId: string;
  /** The Entra ID authority host in use. */
  readonly authorityHost: string;
  /** The token endpoint, `{authorityHost}/{tenantId}/oauth2/v2.0/token`. */
  readonly tokenUrl: string;
  readonly #client: TokenClient;

  /** Takes one options object, or `@azure/identity`'s positional `(tenantId, clientId, clientSecret, options?)`. */
  constructor(options: ClientSecretCredentialOptions);
  constructor(tenantId: string, clientId: string, clientSecret: string, options?: CommonCredentialOptions);
  constructor(...args: unknown[]) {
    const options = readCredentialArguments<ClientSecretCredentialOptions>(
      args,
      'ClientSecretCredential',
      ['clientSecret'],
      (clientSecret) => ({ clientSecret }),
    );
    const settings = resolveClientSettings(options);
    const clientSecret = checkNonEmptyString(
      options.clientSecret,
      'clientSecret',
      'pass the Value of a client secret from the app\'s "Certificates & secrets" page',
    );
    this.#client = createConfidentialClient(
      'ClientSecretCredential',
      settings,
      secretAuthenticator(clientSecret),
    );
    ({ tenantId: this.tenantId, clientId: this.clientId } = settings);
    ({ authorityHost: this.authorityHost, tokenUrl: this.tokenUrl } = settings);
  }

  /**
   * Gets a token for the scopes, from the cache when it can.
   * @param scopes `"<resource>/.default"` scopes; defaults to `MMD_SCOPE`.
   */
  getToken(scopes?: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
    return this.#client.getToken(scopes, options);
  }

  /** What `util.inspect` and `console.log` show: identifiers only, never a secret. */
  [INSPECT](): string {
    return this.#client.inspect(this.constructor.name);
  }

  toJSON(): Record<string, string> {
    return this.#client.toJSON(this.constructor.name);
  }
}
