import { createHash, createPublicKey, generateKeyPairSync, KeyObject, randomBytes, sign } from 'node:crypto';
import { MockConfigurationError } from './mock-configuration-error';
import { checkKnownKeys, checkNumber, checkObject, checkString, describeValue } from './option-checks';

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
  const options = checkObject(
    value,
    'options',
    'createTestCertificate({ commonName, validDays, privateKey })',
  );
  checkKnownKeys(options, ['commonName', 'validDays', 'privateKey'], 'options');
  checkString(options.commonName, 'commonName', /^[\x20-\x7e]{1,64}$/, '1 to 64 printable ASCII characters');
  checkNumber(options.validDays, 'validDays', { min: -3_650, max: 3_650, integer: true });
  const key = options.privateKey;
  if (
    key !== undefined &&
    (!(key instanceof KeyObject) || key.type !== 'private' || key.asymmetricKeyType !== 'rsa')
  ) {
    throw new MockConfigurationError(
      'privateKey',
      `privateKey must be an RSA private KeyObject, such as generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey; got ${key instanceof KeyObject ? `a ${key.type} key` : describeValue(key)}.`,
    );
  }
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
  const publicKey = createPublicKey(privateKey);
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
