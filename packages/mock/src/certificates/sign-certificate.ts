import { type KeyObject, randomBytes, sign } from 'node:crypto';
import { subjectPublicKeyInfo } from './certificate-extensions';
import {
  bitString,
  commonNameDn,
  explicit,
  nullValue,
  objectIdentifier,
  sequence,
  toPem,
  unsignedInteger,
  utcTime,
} from './der';

/** Who signs a certificate: its subject name and private key (the subject's own for a self-signed one). */
interface CertificateIssuer {
  readonly commonName: string;
  readonly privateKey: KeyObject;
}

/** What goes into one X.509 v3 certificate. */
interface CertificateContent {
  readonly commonName: string;
  readonly publicKey: KeyObject;
  readonly issuer: CertificateIssuer;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Encoded `Extension`s (see `certificate-extensions.ts`); none makes a bare certificate. */
  readonly extensions?: readonly Buffer[];
}

/** A signed certificate, DER and PEM. */
interface SignedCertificate {
  readonly der: Buffer;
  readonly pem: string;
}

/** The signature algorithm a key signs with: SHA-256 with RSA (PKCS #1 v1.5) or ECDSA. */
function signatureAlgorithm(key: KeyObject): Buffer {
  if (key.asymmetricKeyType === 'rsa')
    return sequence(objectIdentifier('1.2.840.113549.1.1.11'), nullValue());
  if (key.asymmetricKeyType === 'ec') return sequence(objectIdentifier('1.2.840.10045.4.3.2'));
  throw new Error(`cannot sign a certificate with a ${key.asymmetricKeyType ?? 'symmetric'} key`);
}

/** A positive serial number of 16 random bytes, as CAs issue them. */
function serialNumber(): Buffer {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] as number) & 0x7f) | 0x40;
  return unsignedInteger(bytes);
}

/** Builds and signs an X.509 v3 certificate with `node:crypto` alone. */
export function signCertificate(content: CertificateContent): SignedCertificate {
  const algorithm = signatureAlgorithm(content.issuer.privateKey);
  const extensions = content.extensions ?? [];
  const tbs = sequence(
    explicit(0, unsignedInteger(Buffer.from([2]))),
    serialNumber(),
    algorithm,
    commonNameDn(content.issuer.commonName),
    sequence(utcTime(content.notBefore), utcTime(content.notAfter)),
    commonNameDn(content.commonName),
    subjectPublicKeyInfo(content.publicKey),
    ...(extensions.length > 0 ? [explicit(3, sequence(...extensions))] : []),
  );
  const signature = sign('sha256', tbs, content.issuer.privateKey);
  const der = sequence(tbs, algorithm, bitString(signature));
  return { der, pem: toPem('CERTIFICATE', der) };
}
