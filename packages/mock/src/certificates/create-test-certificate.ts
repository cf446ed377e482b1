import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { checkKnownKeys, checkOptionsObject } from '@mmd-sdk/core';
import { checkRsaPrivateKey } from '../options/check-crypto-values';
import { checkNumber, checkString, MOCK_STYLE } from '../options/check-values';
import { signCertificate } from './sign-certificate';
import { thumbprints } from './thumbprints';

/** A self-signed certificate and its key, for testing certificate credentials against the mock. */
export interface TestCertificate {
  /** The certificate and its private key as one PEM text, as `ClientCertificateCredential` takes it. */
  readonly pem: string;
  /** The certificate alone: register it on a mock app (`certificates: [certificatePem]`). */
  readonly certificatePem: string;
  readonly privateKeyPem: string;
  /** The base64url SHA-256 thumbprint (`x5t#S256`). */
  readonly thumbprintSha256: string;
}

const DAY_MS = 86_400_000;

/** Options of `createTestCertificate`. */
export interface TestCertificateOptions {
  /**
   * The subject's common name: 1 to 64 printable characters.
   * @default "mmd-sdk test certificate"
   */
  commonName?: string;
  /**
   * Days the certificate is valid from now: a whole number from -3650 to 3650; below zero makes one
   * that has already expired.
   * @default 30
   */
  validDays?: number;
  /**
   * The RSA private key to certify. Generating one takes about 0.2 s, so a suite that makes several
   * certificates can share one key; certificates of one key still differ in serial and thumbprint.
   * @default a new 2048-bit key
   */
  privateKey?: KeyObject;
}

function checkOptions(value: unknown): TestCertificateOptions {
  const options = checkOptionsObject(
    value,
    'options',
    'createTestCertificate({ commonName, validDays, privateKey })',
    MOCK_STYLE,
  );
  checkKnownKeys(options, ['commonName', 'validDays', 'privateKey'], 'options', MOCK_STYLE);
  checkString(options.commonName, 'commonName', /^[\x20-\x7e]{1,64}$/, '1 to 64 printable ASCII characters');
  checkNumber(options.validDays, 'validDays', { min: -3_650, max: 3_650, integer: true });
  checkRsaPrivateKey(options.privateKey, 'privateKey');
  return options as TestCertificateOptions;
}

/**
 * Makes a self-signed RSA certificate with `node:crypto` alone (no OpenSSL, no extra package).
 * `validDays` below zero makes one that has already expired.
 * @throws MockConfigurationError when an option is malformed.
 */
export function createTestCertificate(given: TestCertificateOptions = {}): TestCertificate {
  const options = checkOptions(given);
  const privateKey = options.privateKey ?? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const validDays = options.validDays ?? 30;
  const now = Date.now();
  const commonName = options.commonName ?? 'mmd-sdk test certificate';
  const { der, pem: certificatePem } = signCertificate({
    commonName,
    publicKey: privateKey,
    issuer: { commonName, privateKey },
    notBefore: new Date(now - DAY_MS + Math.min(validDays, 0) * DAY_MS),
    notAfter: new Date(now + validDays * DAY_MS),
  });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  return {
    pem: `${certificatePem}${privateKeyPem}`,
    certificatePem,
    privateKeyPem,
    thumbprintSha256: thumbprints(der).sha256,
  };
}
