import { checkKnownKeys, checkOptionsObject, describeValue, MmdConfigurationError } from '@mmd-sdk/core';
import { ClientAssertionCredential } from './client-assertion-credential';
import { ClientCertificateCredential } from './client-certificate-credential';
import { ClientSecretCredential } from './client-secret-credential';
import type { ConfidentialClientCredential } from './confidential-client-credential';
import { readRegularFile } from './read-regular-file';
import { INSPECT } from './redact';
import type { AccessToken, CommonCredentialOptions, GetTokenOptions, TokenCredential } from './types';
import { COMMON_OPTION_NAMES } from './validate-options';

/** A federated token is a JWT of a few KB; anything far larger is not one. */
const MAX_TOKEN_FILE_BYTES = 64 * 1024;

const CLIENT_AUTHENTICATION_VARIABLES =
  'AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH or AZURE_FEDERATED_TOKEN_FILE';

function read(environment: NodeJS.ProcessEnv, name: string): string | undefined {
  // Own variables only: a value inherited from a polluted Object.prototype is no configuration.
  const value = Object.hasOwn(environment, name) ? environment[name] : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  return value.trim();
}

/**
 * Picks the credential from environment variables, as `@azure/identity` does: `AZURE_TENANT_ID` and
 * `AZURE_CLIENT_ID`, then `AZURE_CLIENT_SECRET`, or `AZURE_CLIENT_CERTIFICATE_PATH` (with
 * `AZURE_CLIENT_CERTIFICATE_PASSWORD` and `AZURE_CLIENT_SEND_CERTIFICATE_CHAIN`), or
 * `AZURE_FEDERATED_TOKEN_FILE`; `AZURE_AUTHORITY_HOST` sets the authority host.
 */
export class EnvironmentCredential implements TokenCredential {
  readonly #credential: ConfidentialClientCredential;

  /**
   * @param options common options; an explicit `authorityHost` wins over `AZURE_AUTHORITY_HOST`.
   * @param environment where to read the variables from.
   * @default environment process.env
   */
  constructor(options: CommonCredentialOptions = {}, environment: NodeJS.ProcessEnv = process.env) {
    const checked = checkOptionsObject(
      options,
      'options',
      'pass common credential options such as { timeout } or nothing',
    );
    checkKnownKeys(checked, COMMON_OPTION_NAMES, 'options');
    if (environment === null || typeof environment !== 'object') {
      throw new MmdConfigurationError(
        'environment',
        `environment must be an object of variables such as process.env (got ${describeValue(environment)}).`,
      );
    }
    const tenantId = read(environment, 'AZURE_TENANT_ID');
    const clientId = read(environment, 'AZURE_CLIENT_ID');
    const clientSecret = read(environment, 'AZURE_CLIENT_SECRET');
    const certificatePath = read(environment, 'AZURE_CLIENT_CERTIFICATE_PATH');
    const tokenFile = read(environment, 'AZURE_FEDERATED_TOKEN_FILE');
    const missing = [
      ...(tenantId ? [] : ['AZURE_TENANT_ID']),
      ...(clientId ? [] : ['AZURE_CLIENT_ID']),
      ...(clientSecret || certificatePath || tokenFile ? [] : [`one of ${CLIENT_AUTHENTICATION_VARIABLES}`]),
    ];
    if (!tenantId || !clientId || missing.length > 0) {
      throw new MmdConfigurationError(
        'environment',
        `EnvironmentCredential is missing ${missing.join(', ')}; set them or pass a credential explicitly.`,
      );
    }
    const common: CommonCredentialOptions = {
      ...(checked as CommonCredentialOptions),
      authorityHost:
        (checked.authorityHost as string | undefined) ?? read(environment, 'AZURE_AUTHORITY_HOST'),
    };
    if (clientSecret) {
      this.#credential = new ClientSecretCredential({ ...common, tenantId, clientId, clientSecret });
    } else if (certificatePath) {
      const sendChain = read(environment, 'AZURE_CLIENT_SEND_CERTIFICATE_CHAIN')?.toLowerCase();
      this.#credential = new ClientCertificateCredential({
        ...common,
        tenantId,
        clientId,
        certificatePath,
        certificatePassword: read(environment, 'AZURE_CLIENT_CERTIFICATE_PASSWORD'),
        sendCertificateChain: sendChain === 'true' || sendChain === '1',
      });
    } else {
      const path = tokenFile as string;
      this.#credential = new ClientAssertionCredential({
        ...common,
        tenantId,
        clientId,
        getAssertion: (signal) =>
          readRegularFile(
            path,
            'AZURE_FEDERATED_TOKEN_FILE',
            MAX_TOKEN_FILE_BYTES,
            'the federated token',
            signal,
          ),
      });
    }
  }

  /** The credential the variables selected. */
  get credential(): TokenCredential {
    return this.#credential;
  }

  getToken(scopes?: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
    return this.#credential.getToken(scopes, options);
  }

  [INSPECT](): string {
    return `EnvironmentCredential { credential: ${this.#credential[INSPECT]()} }`;
  }

  toJSON(): Record<string, unknown> {
    return { type: 'EnvironmentCredential', credential: this.#credential.toJSON() };
  }
}
