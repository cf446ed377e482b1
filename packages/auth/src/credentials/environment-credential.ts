import { describeValue, MmdConfigurationError } from '@mmd-sdk/core';
import { withKeyFrom } from '../cache/token-cache-options';
import { readVariable } from '../shared/environment';
import { INSPECT } from '../shared/inspect';
import type { AccessToken, GetTokenOptions, TokenCredential } from '../shared/types';
import { type ClientIdentityOptions, checkCommonOptions } from './check-options';
import { ClientAssertionCredential } from './client-assertion-credential';
import { ClientCertificateCredential } from './client-certificate-credential';
import { ClientSecretCredential } from './client-secret-credential';
import type { CommonCredentialOptions } from './common-options';
import { federatedTokenReader } from './federated-token-file';

type SelectedCredential = ClientSecretCredential | ClientCertificateCredential | ClientAssertionCredential;

const CLIENT_AUTHENTICATION_VARIABLES =
  'AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH or AZURE_FEDERATED_TOKEN_FILE';

/**
 * How the variables say the app authenticates, the first set of secret, certificate path and token
 * file: a constructor for the credential, or `undefined` when none is set.
 */
function selectAuthentication(
  environment: NodeJS.ProcessEnv,
): ((identity: ClientIdentityOptions) => SelectedCredential) | undefined {
  const clientSecret = readVariable(environment, 'AZURE_CLIENT_SECRET');
  if (clientSecret) return (identity) => new ClientSecretCredential({ ...identity, clientSecret });
  const certificatePath = readVariable(environment, 'AZURE_CLIENT_CERTIFICATE_PATH');
  if (certificatePath) {
    const sendChain = readVariable(environment, 'AZURE_CLIENT_SEND_CERTIFICATE_CHAIN')?.toLowerCase();
    return (identity) =>
      new ClientCertificateCredential({
        ...identity,
        certificatePath,
        certificatePassword: readVariable(environment, 'AZURE_CLIENT_CERTIFICATE_PASSWORD'),
        sendCertificateChain: sendChain === 'true' || sendChain === '1',
      });
  }
  const tokenFile = readVariable(environment, 'AZURE_FEDERATED_TOKEN_FILE');
  if (tokenFile) {
    return (identity) =>
      new ClientAssertionCredential({
        ...identity,
        getAssertion: federatedTokenReader(tokenFile, 'AZURE_FEDERATED_TOKEN_FILE'),
      });
  }
  return undefined;
}

/** The variable each option of the selected credential came from, for errors that name it. */
const VARIABLE_OF: Readonly<Record<string, string>> = {
  tenantId: 'AZURE_TENANT_ID',
  clientId: 'AZURE_CLIENT_ID',
  clientSecret: 'AZURE_CLIENT_SECRET',
  certificatePath: 'AZURE_CLIENT_CERTIFICATE_PATH',
  certificatePassword: 'AZURE_CLIENT_CERTIFICATE_PASSWORD',
  authorityHost: 'AZURE_AUTHORITY_HOST',
};

/**
 * Picks the credential from environment variables, as `@azure/identity` does: `AZURE_TENANT_ID` and
 * `AZURE_CLIENT_ID`, then `AZURE_CLIENT_SECRET`, or `AZURE_CLIENT_CERTIFICATE_PATH` (with
 * `AZURE_CLIENT_CERTIFICATE_PASSWORD` and `AZURE_CLIENT_SEND_CERTIFICATE_CHAIN`), or
 * `AZURE_FEDERATED_TOKEN_FILE`; `AZURE_AUTHORITY_HOST` sets the authority host.
 */
export class EnvironmentCredential implements TokenCredential {
  readonly #credential: SelectedCredential;

  /**
   * @param options common options; an explicit `authorityHost` wins over `AZURE_AUTHORITY_HOST`.
   * @param environment where to read the variables from.
   * @default environment process.env
   */
  constructor(options: CommonCredentialOptions = {}, environment: NodeJS.ProcessEnv = process.env) {
    const common = checkCommonOptions(options);
    if (environment === null || typeof environment !== 'object') {
      throw new MmdConfigurationError(
        'environment',
        `environment must be an object of variables such as process.env (got ${describeValue(environment)}).`,
      );
    }
    const tenantId = readVariable(environment, 'AZURE_TENANT_ID');
    const clientId = readVariable(environment, 'AZURE_CLIENT_ID');
    const authenticate = selectAuthentication(environment);
    if (!tenantId || !clientId || !authenticate) {
      const missing = [
        ...(tenantId ? [] : ['AZURE_TENANT_ID']),
        ...(clientId ? [] : ['AZURE_CLIENT_ID']),
        ...(authenticate ? [] : [`one of ${CLIENT_AUTHENTICATION_VARIABLES}`]),
      ];
      throw new MmdConfigurationError(
        'environment',
        `EnvironmentCredential is missing ${missing.join(', ')}; set them or pass a credential explicitly.`,
      );
    }
    const authorityHost = common.authorityHost ?? readVariable(environment, 'AZURE_AUTHORITY_HOST');
    const cache = withKeyFrom(common.cache, environment);
    try {
      this.#credential = authenticate({ ...common, authorityHost, tenantId, clientId, cache });
    } catch (error) {
      // The option the credential names came from a variable: name the variable, which is what to fix.
      if (!(error instanceof MmdConfigurationError)) throw error;
      const variable = VARIABLE_OF[error.option];
      if (
        variable === undefined ||
        (error.option === 'authorityHost' && common.authorityHost !== undefined)
      ) {
        throw error;
      }
      throw new MmdConfigurationError(variable, `${variable} is not usable: ${error.message}`);
    }
  }

  /** The credential the variables selected. */
  get credential(): TokenCredential {
    return this.#credential;
  }

  /** Gets a token for the scopes from the credential the variables selected. */
  getToken(scopes?: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
    return this.#credential.getToken(scopes, options);
  }

  /** What `util.inspect` and `console.log` show: the selected credential's identifiers, never a secret. */
  [INSPECT](): string {
    return `EnvironmentCredential { credential: ${this.#credential[INSPECT]()} }`;
  }

  toJSON(): Record<string, unknown> {
    return { type: 'EnvironmentCredential', credential: this.#credential.toJSON() };
  }
}
