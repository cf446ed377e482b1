import {
  createHash,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  sign,
  X509Certificate,
} from 'node:crypto';
import forge from 'node-forge';
import { TEST_ONLY_RSA_KEY_OTHER, TEST_ONLY_RSA_KEY_PRIMARY } from './test-certificate.fixtures';

export interface TestCertificate {
  /** Certificate (and chain) plus private key, as the credential takes it. */
  readonly pem: string;
  readonly certificatePem: string;
  readonly privateKeyPem: string;
  /** base64url SHA-256 of the DER certificate: the expected `x5t#S256`. */
  readonly thumbprintSha256: string;
  readonly publicKeyPem: string;
}

export interface TestCertificateOptions {
  /** Days from now until the certificate expires; negative for an expired one. @default 30 */
  validDays?: number;
  /** Encrypts the private key (PKCS #8, AES-256-CBC) with this password. */
  passphrase?: string;
  /**
   * Which committed test-only RSA key the certificate is for: certificates with the same `key` share
   * it, so a test that needs a key that does not belong to a certificate asks for `'other'`.
   * @default "primary"
   */
  key?: TestKeyName;
  /** Overrides the start of the validity period, e.g. a future date for a not-yet-valid certificate. */
  notBefore?: Date;
  /** Overrides the end of the validity period. */
  notAfter?: Date;
}

export type TestKeyName = 'primary' | 'other';

const keyFixtures: Record<TestKeyName, string> = {
  primary: TEST_ONLY_RSA_KEY_PRIMARY,
  other: TEST_ONLY_RSA_KEY_OTHER,
};

const DAY = 86_400_000;
const certificates = new Map<string, TestCertificate>();
const keys = new Map<TestKeyName, KeyObject>();

/**
 * A self-signed RSA certificate for a committed test-only key (node-forge builds the X.509 body,
 * node:crypto signs it). Nothing is generated at test time: no RSA key generation and no pure-JS
 * signing, so the cost does not depend on how busy the machine is.
 *
 * Memoized per test file by its options: the same options give the same certificate, whose validity
 * is counted from the first call. Ask for `key: 'other'` when two certificates must not share a key.
 */
export function createTestCertificate(options: TestCertificateOptions = {}): TestCertificate {
  const cacheKey = JSON.stringify([
    options.key ?? 'primary',
    options.validDays ?? 30,
    options.passphrase ?? null,
    options.notBefore?.toISOString() ?? null,
    options.notAfter?.toISOString() ?? null,
  ]);
  let certificate = certificates.get(cacheKey);
  if (!certificate) {
    certificate = makeCertificate(options);
    certificates.set(cacheKey, certificate);
  }
  return certificate;
}

function testKey(name: TestKeyName): KeyObject {
  let key = keys.get(name);
  if (!key) {
    key = createPrivateKey(keyFixtures[name]);
    keys.set(name, key);
  }
  return key;
}

function makeCertificate(options: TestCertificateOptions): TestCertificate {
  const privateKey = testKey(options.key ?? 'primary');
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }) as string;
  const privateKeyPem = privateKey.export({
    type: 'pkcs8',
    format: 'pem',
    ...(options.passphrase ? { cipher: 'aes-256-cbc', passphrase: options.passphrase } : {}),
  }) as string;

  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  certificate.serialNumber = '01';
  const validDays = options.validDays ?? 30;
  const now = Date.now();
  certificate.validity.notBefore =
    options.notBefore ?? new Date(now - 2 * DAY + Math.min(validDays, 0) * DAY);
  certificate.validity.notAfter = options.notAfter ?? new Date(now + validDays * DAY);
  const subject = [{ name: 'commonName', value: 'mmd-sdk test' }];
  certificate.setSubject(subject);
  certificate.setIssuer(subject);
  signNatively(certificate, privateKey);

  const certificatePem = forge.pki.certificateToPem(certificate);
  const der = new X509Certificate(certificatePem).raw;
  return {
    pem: `${certificatePem}\n${privateKeyPem}`,
    certificatePem,
    privateKeyPem,
    thumbprintSha256: createHash('sha256').update(der).digest('base64url'),
    publicKeyPem,
  };
}

/** What `certificate.sign(key, forge.md.sha256.create())` does, with node:crypto's RSA instead of forge's. */
function signNatively(certificate: forge.pki.Certificate, privateKey: KeyObject): void {
  const { getTBSCertificate } = forge.pki as unknown as {
    getTBSCertificate(certificate: forge.pki.Certificate): forge.asn1.Asn1;
  };
  certificate.md = forge.md.sha256.create();
  certificate.signatureOid = forge.pki.oids.sha256WithRSAEncryption as string;
  certificate.siginfo.algorithmOid = certificate.signatureOid;
  certificate.tbsCertificate = getTBSCertificate(certificate);
  const tbs = Buffer.from(forge.asn1.toDer(certificate.tbsCertificate).getBytes(), 'binary');
  certificate.signature = sign('sha256', tbs, privateKey).toString('binary');
}
