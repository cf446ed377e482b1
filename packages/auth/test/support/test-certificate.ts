import { createHash, generateKeyPairSync, X509Certificate } from 'node:crypto';
import forge from 'node-forge';

export interface TestCertificate {
  /** Certificate (and chain) plus private key, as the credential takes it. */
  readonly pem: string;
  readonly certificatePem: string;
  readonly privateKeyPem: string;
  /** base64url SHA-256 of the DER certificate: the expected `x5t#S256`. */
  readonly thumbprintSha256: string;
  readonly publicKeyPem: string;
}

/** Makes a self-signed RSA certificate at test time (node:crypto for the key, node-forge for the X.509 body). */
export function createTestCertificate(
  options: { validDays?: number; passphrase?: string } = {},
): TestCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({
    type: 'pkcs8',
    format: 'pem',
    ...(options.passphrase ? { cipher: 'aes-256-cbc', passphrase: options.passphrase } : {}),
  }) as string;
  const plainKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(
    publicKey.export({ type: 'spki', format: 'pem' }) as string,
  );
  certificate.serialNumber = '01';
  const validDays = options.validDays ?? 30;
  const now = Date.now();
  certificate.validity.notBefore = new Date(now - 2 * 86_400_000 + Math.min(validDays, 0) * 86_400_000);
  certificate.validity.notAfter = new Date(now + validDays * 86_400_000);
  const subject = [{ name: 'commonName', value: 'mmd-sdk test' }];
  certificate.setSubject(subject);
  certificate.setIssuer(subject);
  certificate.sign(forge.pki.privateKeyFromPem(plainKeyPem), forge.md.sha256.create());
  const certificatePem = forge.pki.certificateToPem(certificate);
  const der = new X509Certificate(certificatePem).raw;
  return {
    pem: `${certificatePem}\n${privateKeyPem}`,
    certificatePem,
    privateKeyPem,
    thumbprintSha256: createHash('sha256').update(der).digest('base64url'),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
  };
}
