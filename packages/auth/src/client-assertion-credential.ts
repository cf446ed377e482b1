import { MmdConfigurationError } from '@mmd-sdk/core';
import { ConfidentialClientCredential } from './confidential-client-credential';
import { CLIENT_ASSERTION_TYPE } from './constants';
import { optionsFromArguments } from './positional-arguments';
import type { CommonCredentialOptions } from './types';
import { checkCredentialOptions } from './validate-options';

export interface ClientAssertionCredentialOptions extends CommonCredentialOptions {
  /** The directory (tenant) ID GUID, or a verified domain such as `contoso.onmicrosoft.com`. */
  tenantId: string;
  /** The application (client) ID GUID of the app registration. */
  clientId: string;
  /**
   * Returns a signed assertion: a federated token (Kubernetes workload identity, GitHub OIDC) or a
   * JWT you sign elsewhere (Key Vault, an HSM). Called for every HTTP attempt, so a rotated token
   * file is picked up.
   */
  getAssertion: (abortSignal: AbortSignal) => string | Promise<string>;
}

/** Gets tokens with the client-credentials grant, authenticating the app with an assertion you supply. */
export class ClientAssertionCredential extends ConfidentialClientCredential {
  readonly #getAssertion: ClientAssertionCredentialOptions['getAssertion'];
  #lastAssertion: string;

  /** Takes one options object, or `@azure/identity`'s positional `(tenantId, clientId, getAssertion, options?)`. */
  constructor(options: ClientAssertionCredentialOptions);
  constructor(
    tenantId: string,
    clientId: string,
    getAssertion: ClientAssertionCredentialOptions['getAssertion'],
    options?: CommonCredentialOptions,
  );
  constructor(...args: unknown[]) {
    const options = checkCredentialOptions(
      optionsFromArguments(args, 'ClientAssertionCredential', (getAssertion) => ({
        getAssertion,
      })),
      'ClientAssertionCredential',
      ['tenantId', 'clientId', 'getAssertion'],
    ) as Partial<ClientAssertionCredentialOptions>;
    super(options);
    this.#lastAssertion = '';
    if (typeof options.getAssertion !== 'function') {
      throw new MmdConfigurationError(
        'getAssertion',
        'getAssertion is required: pass a function that returns a signed client assertion (JWT).',
      );
    }
    this.#getAssertion = options.getAssertion;
  }

  protected async clientAuthentication(signal: AbortSignal): Promise<Record<string, string>> {
    const assertion = await this.#getAssertion(signal);
    if (typeof assertion !== 'string' || assertion.trim() === '') {
      throw new MmdConfigurationError(
        'getAssertion',
        'getAssertion returned no assertion; it must return a non-empty signed JWT (check the federated token file or your signer).',
      );
    }
    this.#lastAssertion = assertion.trim();
    return { client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: this.#lastAssertion };
  }

  protected secrets(): Iterable<string> {
    return [this.#lastAssertion];
  }
}
