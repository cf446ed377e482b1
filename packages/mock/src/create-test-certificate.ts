import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';

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

function length(size: number): Buffer {
  if (size < 0x80) return Buffer.from([size]);
  const bytes: number[] = [];
  for (let rest = size; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
}

const sequence = (...content: Buffer[]) => tlv(0x30, ...content);

function objectIdentifier(text: string): Buffer {
  const [first = 0, second = 0, ...rest] = text.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let value = arc >> 7; value > 0; value >>= 7) chunk.unshift((value & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function utcTime(date: Date): Buffer {
  const text = date.toISOString().replace(/[-:T]/g, '').slice(2, 14);
  return tlv(0x17, Buffer.from(`${text}Z`, 'ascii'));
}

function name(commonName: string): Buffer {
  return sequence(
    tlv(0x31, sequence(objectIdentifier('2.5.4.3'), tlv(0x0c, Buffer.from(commonName, 'utf8')))),
  );
}

function toPem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * Makes a self-signed RSA certificate with `node:crypto` alone (no OpenSSL, no extra package).
 * `validDays` below zero makes one that has already expired.
 */
export function createTestCertificate(
  options: { commonName?: string; validDays?: number } = {},
): TestCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const validDays = options.validDays ?? 30;
  const now = Date.now();
  const sha256WithRsa = sequence(objectIdentifier('1.2.840.113549.1.1.11'), tlv(0x05));
  const serial = randomBytes(8);
  serial[0] = (serial[0] as number) & 0x7f;
  const subject = name(options.commonName ?? 'mmd-sdk test certificate');
  const tbs = sequence(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))),
    tlv(0x02, serial),
    sha256WithRsa,
    subject,
    sequence(
      utcTime(new Date(now - 86_400_000 + Math.min(validDays, 0) * 86_400_000)),
      utcTime(new Date(now + validDays * 86_400_000)),
    ),
    subject,
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = sequence(tbs, sha256WithRsa, tlv(0x03, Buffer.from([0]), signature));
  const certificatePem = toPem('CERTIFICATE', der);
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  return {
    pem: `${certificatePem}${privateKeyPem}`,
    certificatePem,
    privateKeyPem,
    thumbprintSha256: createHash('sha256').update(der).digest('base64url'),
  };
}
