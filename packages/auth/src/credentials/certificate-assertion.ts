import { nodeCrypto } from '../shared/node-builtins';
import type { SigningCertificate } from './signing-certificate';

const ASSERTION_LIFETIME_SECONDS = 600;

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/**
 * How an assertion is signed: `PS256` with `x5t#S256`, as Entra ID documents today, or `RS256` with the
 * SHA-1 `x5t`, as it documented before and as some endpoints still require.
 */
export type AssertionStyle = 'PS256' | 'RS256';

/**
 * Builds a client assertion (RFC 7523) the way Entra ID documents it: a JWT signed PS256, with the
 * certificate's `x5t#S256` thumbprint (or RS256 with `x5t`), `aud` the token endpoint, `iss` = `sub` =
 * the client ID, a unique `jti`, and a lifetime of 10 minutes.
 */
export function createClientAssertion(
  certificate: SigningCertificate,
  claims: { clientId: string; audience: string; sendCertificateChain: boolean; style: AssertionStyle },
): string {
  const issuedAt = Math.floor(Date.now() / 1000);
  const { style } = claims;
  const header = {
    alg: style,
    typ: 'JWT',
    ...(style === 'PS256'
      ? { 'x5t#S256': certificate.thumbprintSha256 }
      : { x5t: certificate.thumbprintSha1 }),
    ...(claims.sendCertificateChain ? { x5c: certificate.chain } : {}),
  };
  const payload = {
    aud: claims.audience,
    iss: claims.clientId,
    sub: claims.clientId,
    jti: nodeCrypto().randomUUID(),
    nbf: issuedAt,
    iat: issuedAt,
    exp: issuedAt + ASSERTION_LIFETIME_SECONDS,
  };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const { sign, constants } = nodeCrypto();
  const signature = sign(
    'sha256',
    Buffer.from(signingInput),
    style === 'PS256'
      ? { key: certificate.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }
      : certificate.privateKey,
  );
  return `${signingInput}.${base64url(signature)}`;
}
