import { MmdConfigurationError } from '@mmd-sdk/core';
import { INSPECT } from '../shared/inspect';
import type { AccessToken, GetTokenOptions, TokenCredential } from '../shared/types';
import { assertionAuthenticator } from './assertion-authenticator';
import { readCredentialArguments, resolveClientSettings } from './check-options';
import type { CommonCredentialOptions } from './common-options';
import { createConfidentialClient } from './confidential-client';
import type { TokenClient } from './token-client';

export interface ClientAssertionCredentialOptions extends CommonCredentialOptions {
  /**
   * The directory (tenant) ID GUID, or a verified domain such as `contoso.onmicrosoft.com`: the
   * tenant whose Entra ID issues the tokens (the customer's, never `common`). Required.
   */
  tenantId: string;
  /** The application (client) ID GUID of the app registration the tokens are for. Required. */
  clientId: string;
  /**
   * Returns a signed assertion: a federated token (Kubernetes workload identity, GitHub OIDC) or a
   * JWT you sign elsewhere (Key Vault, an HSM), so that no secret has to live with the app. Called
   * for every HTTP attempt, so a rotated token file is picked up; `abortSignal` ends with the
   * attempt's deadline. Required.
   */
  getAssertion: (abortSignal: AbortSignal) => string | Promise<string>;
}

/** Gets tokens with the client-credentials grant, authenticating the app with an assertion you supply. */
export class ClientAssertionCredential implements TokenCredential {
  /** The name telemetry gives the credential's spans and metrics (`mmd.auth.credential`). */
  protected static readonly credentialName: string = 'ClientAssertionCredential';
  /** The directory (tenant) ID or domain the tokens are issued by. */
  readonly tenantId: string;
  /** The application (client) ID. */
  readonly clientId: string;
  /** The Entra ID authority host in use. */
  readonly authorityHost: string;
  /** The token endpoint, `{authorityHost}/{tenantId}/oauth2/v2.0/token`. */
  readonly tokenUrl: string;
  readonly #client: TokenClient;

  /** Takes one options object, or `@azure/identity`'s positional `(tenantId, clientId, getAssertion, options?)`. */
  constructor(options: ClientAssertionCredentialOptions);
  constructor(
    tenantId: string,
    clientId: string,
    getAssertion: ClientAssertionCredentialOptions['getAssertion'],
    options?: CommonCredentialOptions,
  );
  constructor(...args: unknown[]) {
    const options = readCredentialArguments<ClientAssertionCredentialOptions>(
      args,
      'ClientAssertionCredential',
      ['getAssertion'],
      (getAssertion) => ({ getAssertion }),
    );
    const settings = resolveClientSettings(options);
    if (typeof options.getAssertion !== 'function') {
      throw new MmdConfigurationError(
        'getAssertion',
        'getAssertion is required: pass a function that returns a signed client assertion (JWT).',
      );
    }
    this.#client = createConfidentialClient(
      (new.target as typeof ClientAssertionCredential).credentialName,
      settings,
      assertionAuthenticator(options.getAssertion),
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
