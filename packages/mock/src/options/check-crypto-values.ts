import { createPrivateKey, KeyObject, X509Certificate } from 'node:crypto';
import { describeMismatch, MOCK_STYLE } from './check-values';
import { MockConfigurationError } from './mock-configuration-error';

/** `undefined`, or an RSA private `KeyObject`: what signs tokens and certifies test certificates. */
export function checkRsaPrivateKey(value: unknown, option: string): KeyObject | undefined {
  if (value === undefined) return undefined;
  if (value instanceof KeyObject && value.type === 'private' && value.asymmetricKeyType === 'rsa')
    return value;
  const got =
    value instanceof KeyObject
      ? `a ${value.type} ${value.asymmetricKeyType ?? ''} key`.replace(/ +/g, ' ')
      : MOCK_STYLE.describe(value);
  throw new MockConfigurationError(
    option,
    `${option} must be an RSA private KeyObject, such as generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey; got ${got}.`,
  );
}

/**
 * A PEM text given as a string or a `Buffer` (what `readFileSync` returns), parsed by `parse`; `shape`
 * says what one looks like. The message never quotes the text (it may be a private key) nor the
 * parser's words about it.
 */
function requirePem<T>(value: unknown, option: string, shape: string, parse: (text: string) => T): T {
  const text =
    typeof value === 'string' ? value : Buffer.isBuffer(value) ? value.toString('utf8') : undefined;
  if (text !== undefined) {
    try {
      return parse(text);
    } catch {
      // Reported below.
    }
  }
  const got =
    Buffer.isBuffer(value) && value.length > 0 ? 'a Buffer that is not one' : describeMismatch(value);
  throw new MockConfigurationError(option, `${option} must be ${shape}; got ${got}.`);
}

/** A PEM certificate (a string or a `Buffer`), parsed. */
export function requireCertificatePem(value: unknown, option: string, shape: string): X509Certificate {
  return requirePem(value, option, shape, (text) => new X509Certificate(text));
}

/** An unencrypted PEM private key (a string or a `Buffer`), parsed. */
export function requirePrivateKeyPem(value: unknown, option: string, shape: string): KeyObject {
  return requirePem(value, option, shape, (text) => createPrivateKey(text));
}
