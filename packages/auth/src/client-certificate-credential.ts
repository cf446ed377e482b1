import {
  createClientAssertion,
  readSigningCertificate,
  type SigningCertificate,
} from './certificate-assertion';
import { ConfidentialClientCredential } from './confidential-client-credential';
import { CLIENT_ASSERTION_TYPE } from './constants';
import { CredentialConfigurationError } from './errors';
import { nodeFs } from './node-builtins';
import type { CommonCredentialOptions } from './types';

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
  #lastAssertion = '';

  constructor(options: ClientCertificateCredentialOptions) {
    super(options?.tenantId, options?.clientId, options);
    const { certificate, certificatePath } = options;
    if ((certificate === undefined) === (certificatePath === undefined)) {
      throw new CredentialConfigurationError(
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
    });
    return { client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: this.#lastAssertion };
  }

  protected secrets(): Iterable<string> {
    return [this.#lastAssertion, this.#pem];
  }
}

function readCertificateFile(path: unknown): string {
  if (typeof path !== 'string' || path === '') {
    throw new CredentialConfigurationError(
      'certificatePath',
      'certificatePath must be the path of a PEM file.',
    );
  }
  try {
    return nodeFs().readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CredentialConfigurationError(
      'certificatePath',
      `certificatePath ${JSON.stringify(path)} could not be read (${code ?? 'unknown error'}); check the path and its permissions.`,
    );
  }
}
