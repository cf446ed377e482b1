import type { KeyObject, X509Certificate } from 'node:crypto';
import { MmdConfigurationError } from '@mmd-sdk/core';
import { nodeCrypto } from '../shared/node-builtins';

/** A certificate ready to sign client assertions. */
export interface SigningCertificate {
  /** The certificate's private key, which signs the assertions. */
  readonly privateKey: KeyObject;
  /** The SHA-256 thumbprint of the certificate, base64url: the `x5t#S256` header. */
  readonly thumbprintSha256: string;
  /** The SHA-1 thumbprint, base64url: the older `x5t` header some Entra endpoints still expect. */
  readonly thumbprintSha1: string;
  /** The chain, leaf first, as base64 DER: the `x5c` header. */
  readonly chain: readonly string[];
  /** When the certificate expires. */
  readonly notAfter: Date;
}

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
const KEY_BLOCK = /-----BEGIN ((?:ENCRYPTED |RSA )?PRIVATE KEY)-----[\s\S]+?-----END \1-----/;

function fail(message: string): never {
  throw new MmdConfigurationError('certificate', message);
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
export function readSigningCertificate(pem: string, password: string | undefined): SigningCertificate {
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
  if (notAfter.getTime() <= Date.now()) {
    fail(
      `the certificate expired on ${notAfter.toISOString()}; upload a new one to the app registration and use it here.`,
    );
  }
  const chain = [leaf, ...certificates.filter((certificate) => certificate !== leaf)];
  return {
    privateKey,
    thumbprintSha256: nodeCrypto().createHash('sha256').update(leaf.raw).digest('base64url'),
    thumbprintSha1: nodeCrypto().createHash('sha1').update(leaf.raw).digest('base64url'),
    chain: chain.map((certificate) => certificate.raw.toString('base64')),
    notAfter,
  };
}
