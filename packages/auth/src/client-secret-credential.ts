import { ConfidentialClientCredential } from './confidential-client-credential';
import { optionsFromArguments } from './positional-arguments';
import type { CommonCredentialOptions } from './types';
import { checkCredentialOptions, validateNonEmptyString } from './validate-options';

export interface ClientSecretCredentialOptions extends CommonCredentialOptions {
  /** The directory (tenant) ID GUID, or a verified domain such as `contoso.onmicrosoft.com`. */
  tenantId: string;
  /** The application (client) ID GUID of the app registration. */
  clientId: string;
  /** The client secret's **Value** (not its Secret ID), from "Certificates & secrets". */
  clientSecret: string;
}

/** Gets tokens with the client-credentials grant, authenticating the app with a client secret. */
export class ClientSecretCredential extends ConfidentialClientCredential {
  readonly #clientSecret: string;

  /** Takes one options object, or `@azure/identity`'s positional `(tenantId, clientId, clientSecret, options?)`. */
  constructor(options: ClientSecretCredentialOptions);
  constructor(tenantId: string, clientId: string, clientSecret: string, options?: CommonCredentialOptions);
  constructor(...args: unknown[]) {
    const options = checkCredentialOptions(
      optionsFromArguments(args, 'ClientSecretCredential', (clientSecret) => ({
        clientSecret,
      })),
      'ClientSecretCredential',
      ['tenantId', 'clientId', 'clientSecret'],
    ) as Partial<ClientSecretCredentialOptions>;
    super(options);
    this.#clientSecret = validateNonEmptyString(
      options.clientSecret,
      'clientSecret',
      'pass the Value of a client secret from the app\'s "Certificates & secrets" page',
    );
  }

  protected async clientAuthentication(): Promise<Record<string, string>> {
    return { client_secret: this.#clientSecret };
  }

  protected secrets(): Iterable<string> {
    return [this.#clientSecret];
  }
}
