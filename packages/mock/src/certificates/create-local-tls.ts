import { generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  authorityKeyIdentifier,
  basicConstraints,
  KEY_USAGE,
  keyUsage,
  serverAuthentication,
  subjectAltName,
  subjectKeyIdentifier,
} from './certificate-extensions';
import { signCertificate } from './sign-certificate';

/** A certificate authority made for one run of the mock, and the server certificate it signed. */
interface LocalTls {
  /** The authority's certificate: what clients trust. */
  readonly caPem: string;
  /** The server's certificate, for `hosts`. */
  readonly certificatePem: string;
  /** The server certificate's private key (PKCS #8). */
  readonly privateKeyPem: string;
}

const HOUR_MS = 3_600_000;
/** The longest a server certificate may be valid for browsers and Apple clients to accept it. */
const VALID_DAYS = 397;

/**
 * Makes a certificate authority and a server certificate it signs for `hosts` (IP addresses and DNS
 * names in `subjectAltName`), on P-256 keys, which take a millisecond to generate. Two certificates
 * rather than one self-signed: strict verifiers (rustls, Go with a CA used as a leaf) refuse a CA
 * certificate presented as the server's. The authority's key is dropped once it has signed, so nothing
 * else can ever be issued under it.
 */
export function createLocalTls(hosts: readonly string[]): LocalTls {
  const caKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const serverKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const now = Date.now();
  const validity = {
    notBefore: new Date(now - HOUR_MS),
    notAfter: new Date(now + VALID_DAYS * 24 * HOUR_MS),
  };
  // A name of its own per run, so that authorities of earlier runs left in a trust store never match.
  const caName = `mmd-mock local CA ${randomBytes(4).toString('hex')}`;
  const ca = signCertificate({
    commonName: caName,
    publicKey: caKeys.publicKey,
    issuer: { commonName: caName, privateKey: caKeys.privateKey },
    ...validity,
    extensions: [
      basicConstraints(true),
      keyUsage(KEY_USAGE.keyCertSign, KEY_USAGE.cRLSign),
      subjectKeyIdentifier(caKeys.publicKey),
    ],
  });
  const server = signCertificate({
    commonName: hosts[0] ?? 'localhost',
    publicKey: serverKeys.publicKey,
    issuer: { commonName: caName, privateKey: caKeys.privateKey },
    ...validity,
    extensions: [
      basicConstraints(false),
      keyUsage(KEY_USAGE.digitalSignature),
      serverAuthentication(),
      subjectAltName(hosts),
      subjectKeyIdentifier(serverKeys.publicKey),
      authorityKeyIdentifier(caKeys.publicKey),
    ],
  });
  return {
    caPem: ca.pem,
    certificatePem: server.pem,
    privateKeyPem: serverKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  };
}
