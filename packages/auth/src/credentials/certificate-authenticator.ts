import { clientAssertionFields } from '../token-endpoint/client-assertion-fields';
import type { ClientAuthenticator } from './authenticator';
import { type AssertionStyle, createClientAssertion } from './certificate-assertion';
import type { SigningCertificate } from './signing-certificate';

/** What a certificate credential signs its assertions with and for. */
interface CertificateSigner {
  readonly certificate: SigningCertificate;
  /** The PEM text the certificate came from: it holds the private key, so it is scrubbed like a secret. */
  readonly pem: string;
  readonly clientId: string;
  /** The token endpoint: the assertion's `aud`. */
  readonly audience: string;
  readonly sendCertificateChain: boolean;
}

/** "AADSTS700027: Client assertion failed signature validation." */
const ASSERTION_REFUSED = 700027;

/**
 * Authenticates with a client assertion signed anew for every attempt, in `style`: PS256 with the
 * SHA-256 `x5t#S256`, as Entra ID documents today, unless a refusal made the credential fall back.
 */
export function certificateAuthenticator(
  signer: CertificateSigner,
  style: AssertionStyle = 'PS256',
): ClientAuthenticator {
  let lastAssertion = '';
  return {
    async formFields() {
      const { certificate, clientId, audience, sendCertificateChain } = signer;
      lastAssertion = createClientAssertion(certificate, { clientId, audience, sendCertificateChain, style });
      return clientAssertionFields(lastAssertion);
    },
    secrets: () => [lastAssertion, signer.pem],
    afterRefusal(error) {
      // Some Entra endpoints refuse `x5t#S256` with AADSTS700027 where the older RS256 with the SHA-1
      // `x5t` works. So a PS256 assertion refused that way is followed by one RS256 try, which the
      // credential keeps if it works; RS256 refused too, or refused otherwise, is reported as it is.
      if (style !== 'PS256' || !error.errorCodes.includes(ASSERTION_REFUSED)) return undefined;
      return {
        authenticator: certificateAuthenticator(signer, 'RS256'),
        warning:
          'the certificate assertion (PS256, x5t#S256) was refused with AADSTS700027; trying once more with RS256 and x5t',
      };
    },
  };
}
