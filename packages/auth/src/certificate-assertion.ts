import type { KeyObject, X509Certificate } from 'node:crypto';
import { MmdConfigurationError } from '@mmd-sdk/core';
import { nodeCrypto } from './node-builtins';

/** A certificate ready to sign client assertions. */
export interface SigningCertificate {
  readonly privateKey: KeyObject;
  /** The SHA-256 thumbprint of the certificate, base64url: the `x5t#S256` header. */
  readonly thumbprintSha256: string;
  /** The SHA-1 thumbprint, base64url: the older `x5t` header some Entra endpoints still expect. */
  readonly thumbprintSha1: string;
  /** The chain, leaf first, as base64 DER: the `x5c` header. */
  readonly chain: readonly string[];
  readonly notBefore: Date;
  readonly notAfter: Date;
}

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
const KEY_BLOCK = /-----BEGIN ((?:ENCRYPTED |RSA )?PRIVATE KEY)-----[\s\S]+?-----END \1-----/;
const ASSERTION_LIFETIME_SECONDS = 600;

function fail(message: string): never {
  throw new MmdConfigurationError('certificate', message);
}

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

function readPrivateKey(pem: string, password: string | undefined): KeyObject {
  const block = KEY_BLOCK.exec(pem)?.[0];
  if (!block) {
    fail(
      'the certificate PEM holds no private key; pass PEM text with both the certificate and its (RSA) private key.',
    );
  }
  try {
    return nodeCrypto().createPrivateKey({
      key: block,
      format: 'pem',
      ...(password === undefined ? {} : { passphrase: password }),
    });
  } catch {
    if (block.includes('ENCRYPTED')) {
      fail(
        password === undefined
          ? 'the private key is encrypted; pass certificatePassword.'
          : 'the private key could not be decrypted; check certificatePassword.',
      );
    }
    return fail(
      'the private key could not be read; pass an unencrypted PKCS#8 or PKCS#1 RSA key, or an encrypted one with certificatePassword.',
    );
  }
}

/**
 * Reads PEM text holding a certificate (and optionally its chain) and the matching private key,
 * and checks before any network call that the key belongs to a certificate and that it has not
 * expired.
 */
export function readSigningCertificate(
  pem: string,
  password: string | undefined,
  now = new Date(),
): SigningCertificate {
  const privateKey = readPrivateKey(pem, password);
  if (privateKey.asymmetricKeyType !== 'rsa') {
    fail(
      `the private key is ${privateKey.asymmetricKeyType ?? 'of an unknown type'}; Entra ID certificate credentials need an RSA key.`,
    );
  }
  const blocks = pem.match(CERTIFICATE_BLOCK) ?? [];
  if (blocks.length === 0)
    fail('the PEM text holds no certificate; include the -----BEGIN CERTIFICATE----- block.');
  let certificates: X509Certificate[];
  try {
    const crypto = nodeCrypto();
    certificates = blocks.map((block) => new crypto.X509Certificate(block));
  } catch {
    return fail('a CERTIFICATE block could not be parsed; export the certificate again as PEM.');
  }
  const leaf = certificates.find((certificate) => certificate.checkPrivateKey(privateKey));
  if (!leaf)
    fail(
      'the private key does not belong to the certificate; export the certificate together with its own key.',
    );
  const notAfter = new Date(leaf.validTo);
  if (notAfter.getTime() <= now.getTime()) {
    fail(
      `the certificate expired on ${notAfter.toISOString()}; upload a new one to the app registration and use it here.`,
    );
  }
  const chain = [leaf, ...certificates.filter((certificate) => certificate !== leaf)];
  return {
    privateKey,
    thumbprintSha256: base64url(nodeCrypto().createHash('sha256').update(leaf.raw).digest()),
    thumbprintSha1: base64url(nodeCrypto().createHash('sha1').update(leaf.raw).digest()),
    chain: chain.map((certificate) => certificate.raw.toString('base64')),
    notBefore: new Date(leaf.validFrom),
    notAfter,
  };
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
  claims: { clientId: string; audience: string; sendCertificateChain: boolean; style?: AssertionStyle },
  now = Date.now(),
): string {
  const issuedAt = Math.floor(now / 1000);
  const style = claims.style ?? 'PS256';
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
