import { checkOptionsObject, MmdConfigurationError } from '@mmd-sdk/core';
import { INSPECT } from '../shared/inspect';
import { readRegularFileSync } from '../shared/read-regular-file';
import type { AccessToken, GetTokenOptions, TokenCredential } from '../shared/types';
import { certificateAuthenticator } from './certificate-authenticator';
import { readCredentialArguments, resolveClientSettings } from './check-options';
import type { CommonCredentialOptions } from './common-options';
import { createConfidentialClient } from './confidential-client';
import { readSigningCertificate } from './signing-certificate';
import type { TokenClient } from './token-client';

export interface ClientCertificateCredentialOptions extends CommonCredentialOptions {
  /**
   * The directory (tenant) ID GUID, or a verified domain such as `contoso.onmicrosoft.com`: the
   * tenant whose Entra ID issues the tokens (the customer's, never `common`). Required.
   */
  tenantId: string;
  /** The application (client) ID GUID of the app registration the tokens are for. Required. */
  clientId: string;
  /**
   * PEM text holding the certificate uploaded to the app registration and its RSA private key
   * (PKCS#8, PKCS#1, or encrypted PKCS#8 with `certificatePassword`), for a key kept in a secret
   * store rather than a file. Give this or `certificatePath`.
   * @default none (then `certificatePath`)
   */
  certificate?: string;
  /**
   * The path of a PEM file with the same content as `certificate`, read once at construction, so a
   * bad path fails before any network call. Give this or `certificate`.
   * @default none (then `certificate`)
   */
  certificatePath?: string;
  /**
   * The password of an encrypted private key, which is how keys are best kept at rest.
   * @default none (the key must then be unencrypted)
   */
  certificatePassword?: string;
  /**
   * Send the certificate chain (`x5c`) with each assertion, for subject-name/issuer authentication
   * (an app registration that trusts the issuer rather than one uploaded certificate).
   * @default false
   */
  sendCertificateChain?: boolean;
}

/** A PEM file with a certificate chain and its key is a few KB; 1 MiB is far above any real one. */
const MAX_CERTIFICATE_FILE_BYTES = 1024 * 1024;

function readCertificateFile(path: unknown): string {
  if (typeof path !== 'string' || path === '') {
    throw new MmdConfigurationError('certificatePath', 'certificatePath must be the path of a PEM file.');
  }
  return readRegularFileSync(
    path,
    'certificatePath',
    MAX_CERTIFICATE_FILE_BYTES,
    'a PEM certificate and key',
  );
}

/** `@azure/identity`'s third positional argument: a PEM file path, `{ certificate }` or `{ certificatePath }`. */
function positionalCertificate(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') return { certificatePath: value };
  return checkOptionsObject(
    value,
    'certificate',
    'pass a PEM file path, { certificate } or { certificatePath }',
  );
}

/**
 * Gets tokens with the client-credentials grant, authenticating the app with a certificate: each
 * HTTP attempt sends a freshly signed client assertion (PS256, `x5t#S256`).
 */
export class ClientCertificateCredential implements TokenCredential {
  /** The directory (tenant) ID or domain the tokens are issued by. */
  readonly tenantId: string;
  /** The application (client) ID. */
  readonly clientId: string;
  /** The Entra ID authority host in use. */
  readonly authorityHost: string;
  /** The token endpoint, `{authorityHost}/{tenantId}/oauth2/v2.0/token`. */
  readonly tokenUrl: string;
  readonly #client: TokenClient;
  readonly #certificateExpiresOn: Date;

  /**
   * Takes one options object, or `@azure/identity`'s positional form: `(tenantId, clientId,
   * certificatePath, options?)` or `(tenantId, clientId, { certificate | certificatePath,
   * certificatePassword? }, options?)`.
   */
  constructor(options: ClientCertificateCredentialOptions);
  constructor(
    tenantId: string,
    clientId: string,
    certificate:
      | string
      | { certificate: string; certificatePassword?: string }
      | { certificatePath: string; certificatePassword?: string },
    options?: CommonCredentialOptions & { sendCertificateChain?: boolean },
  );
  constructor(...args: unknown[]) {
    const options = readCredentialArguments<ClientCertificateCredentialOptions>(
      args,
      'ClientCertificateCredential',
      ['certificate', 'certificatePath', 'certificatePassword', 'sendCertificateChain'],
      positionalCertificate,
    );
    const settings = resolveClientSettings(options);
    if ((options.certificate === undefined) === (options.certificatePath === undefined)) {
      throw new MmdConfigurationError(
        'certificate',
        'pass exactly one of certificate (PEM text) or certificatePath (the path of a PEM file).',
      );
    }
    const pem = options.certificate ?? readCertificateFile(options.certificatePath);
    const certificate = readSigningCertificate(pem, options.certificatePassword);
    const signer = {
      certificate,
      pem,
      clientId: settings.clientId,
      audience: settings.tokenUrl,
      sendCertificateChain: options.sendCertificateChain ?? false,
    };
    this.#client = createConfidentialClient(
      'ClientCertificateCredential',
      settings,
      certificateAuthenticator(signer),
    );
    this.#certificateExpiresOn = certificate.notAfter;
    ({ tenantId: this.tenantId, clientId: this.clientId } = settings);
    ({ authorityHost: this.authorityHost, tokenUrl: this.tokenUrl } = settings);
  }

  /** When the certificate expires. */
  get certificateExpiresOn(): Date {
    return this.#certificateExpiresOn;
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
