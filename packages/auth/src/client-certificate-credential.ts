import { checkOptionsObject, MmdConfigurationError } from '@mmd-sdk/core';
import {
  type AssertionStyle,
  createClientAssertion,
  readSigningCertificate,
  type SigningCertificate,
} from './certificate-assertion';
import { ConfidentialClientCredential } from './confidential-client-credential';
import { CLIENT_ASSERTION_TYPE } from './constants';
import type { TokenRequestError } from './errors';
import { optionsFromArguments } from './positional-arguments';
import { readRegularFileSync } from './read-regular-file';
import type { CommonCredentialOptions } from './types';
import { checkCredentialOptions } from './validate-options';

export interface ClientCertificateCredentialOptions extends CommonCredentialOptions {
  /** The directory (tenant) ID GUID, or a verified domain such as `contoso.onmicrosoft.com`. */
  tenantId: string;
  /** The application (client) ID GUID of the app registration. */
  clientId: string;
  /**
   * PEM text holding the certificate uploaded to the app registration and its RSA private key
   * (PKCS#8, PKCS#1, or encrypted PKCS#8 with `certificatePassword`). Give this or `certificatePath`.
   */
  certificate?: string;
  /** The path of a PEM file with the same content as `certificate`, read once at construction, so a bad path fails before any network call. */
  certificatePath?: string;
  /**
   * The password of an encrypted private key.
   * @default none (the key must then be unencrypted)
   */
  certificatePassword?: string;
  /**
   * Send the certificate chain (`x5c`) with each assertion, for subject-name/issuer authentication.
   * @default false
   */
  sendCertificateChain?: boolean;
}

/**
 * Gets tokens with the client-credentials grant, authenticating the app with a certificate: each
 * HTTP attempt sends a freshly signed client assertion (PS256, `x5t#S256`).
 */
export class ClientCertificateCredential extends ConfidentialClientCredential {
  readonly #certificate: SigningCertificate;
  readonly #sendCertificateChain: boolean;
  readonly #pem: string;
  #lastAssertion: string;
  #style: AssertionStyle;

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
    const positional = optionsFromArguments(args, 'ClientCertificateCredential', (value) =>
      typeof value === 'string'
        ? { certificatePath: value }
        : checkOptionsObject(
            value,
            'certificate',
            'pass a PEM file path, { certificate } or { certificatePath }',
          ),
    );
    const options = checkCredentialOptions(positional, 'ClientCertificateCredential', [
      'tenantId',
      'clientId',
      'certificate',
      'certificatePath',
      'certificatePassword',
      'sendCertificateChain',
    ]) as Partial<ClientCertificateCredentialOptions>;
    super(options);
    this.#lastAssertion = '';
    this.#style = 'PS256';
    const { certificate, certificatePath } = options;
    if ((certificate === undefined) === (certificatePath === undefined)) {
      throw new MmdConfigurationError(
        'certificate',
        'pass exactly one of certificate (PEM text) or certificatePath (the path of a PEM file).',
      );
    }
    this.#pem = certificate ?? readCertificateFile(certificatePath);
    this.#certificate = readSigningCertificate(this.#pem, options.certificatePassword);
    this.#sendCertificateChain = options.sendCertificateChain ?? false;
  }

  /** When the certificate expires. */
  get certificateExpiresOn(): Date {
    return this.#certificate.notAfter;
  }

  protected async clientAuthentication(): Promise<Record<string, string>> {
    this.#lastAssertion = createClientAssertion(this.#certificate, {
      clientId: this.clientId,
      audience: this.tokenUrl,
      sendCertificateChain: this.#sendCertificateChain,
      style: this.#style,
    });
    return { client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: this.#lastAssertion };
  }

  protected secrets(): Iterable<string> {
    return [this.#lastAssertion, this.#pem];
  }

  /**
   * Some Entra endpoints reject `x5t#S256` with AADSTS700027 where the older SHA-1 `x5t` with RS256
   * works: try that once, keep it for this credential if it works, go back if it does not.
   */
  protected override retryAfterRefusal(error: TokenRequestError): (() => void) | undefined {
    if (this.#style !== 'PS256' || !error.errorCodes.includes(700027)) return undefined;
    this.#style = 'RS256';
    this.logger.warn(
      'the certificate assertion (PS256, x5t#S256) was refused with AADSTS700027; trying once more with RS256 and x5t',
    );
    return () => {
      this.#style = 'PS256';
    };
  }
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
