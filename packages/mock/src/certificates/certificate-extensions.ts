import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import {
  boolean,
  implicit,
  namedBits,
  objectIdentifier,
  octetString,
  sequence,
  tlv,
  unsignedInteger,
} from './der';

/** The X.509 v3 extensions a local certificate authority and its server certificate carry. */

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return sequence(objectIdentifier(oid), ...(critical ? [boolean(true)] : []), octetString(value));
}

/** `basicConstraints` (critical): a CA that may sign only end-entity certificates, or an end entity. */
export function basicConstraints(ca: boolean): Buffer {
  return extension(
    '2.5.29.19',
    true,
    ca ? sequence(boolean(true), unsignedInteger(Buffer.from([0]))) : sequence(),
  );
}

/** The `keyUsage` bits this module sets. */
export const KEY_USAGE = { digitalSignature: 0, keyCertSign: 5, cRLSign: 6 } as const;

/** `keyUsage` (critical), from bit numbers of `KEY_USAGE`. */
export function keyUsage(...bits: number[]): Buffer {
  return extension('2.5.29.15', true, namedBits(bits));
}

/** `extendedKeyUsage`: TLS server authentication. */
export function serverAuthentication(): Buffer {
  return extension('2.5.29.37', false, sequence(objectIdentifier('1.3.6.1.5.5.7.3.1')));
}

/** `subjectAltName`: each host as an `iPAddress` (IPv4 or IPv6) or a `dNSName`. */
export function subjectAltName(hosts: readonly string[]): Buffer {
  const names = hosts.map((host) => {
    const family = isIP(host);
    if (family === 0) return implicit(2, Buffer.from(host, 'ascii'));
    return implicit(7, family === 4 ? Buffer.from(host.split('.').map(Number)) : ipv6Bytes(host));
  });
  return extension('2.5.29.17', false, sequence(...names));
}

/** The 16 bytes of an IPv6 address (without a zone), in any of its spellings. */
function ipv6Bytes(address: string): Buffer {
  // The URL parser spells it the one way (`::ffff:7f00:1` for `::ffff:127.0.0.1`): hex groups only.
  const [head = '', tail] = new URL(`http://[${address}]`).hostname.slice(1, -1).split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const all = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return Buffer.concat(all.map((group) => Buffer.from(group.padStart(4, '0'), 'hex')));
}

/** The DER SubjectPublicKeyInfo of a key, given its public or its private half. */
export function subjectPublicKeyInfo(key: KeyObject): Buffer {
  return (key.type === 'public' ? key : createPublicKey(key)).export({ type: 'spki', format: 'der' });
}

/** A key identifier: the first 20 bytes of the SHA-256 of the key's SubjectPublicKeyInfo. */
function keyIdentifier(key: KeyObject): Buffer {
  return createHash('sha256').update(subjectPublicKeyInfo(key)).digest().subarray(0, 20);
}

/** `subjectKeyIdentifier` of the certified key. */
export function subjectKeyIdentifier(key: KeyObject): Buffer {
  return extension('2.5.29.14', false, octetString(keyIdentifier(key)));
}

/** `authorityKeyIdentifier` naming the issuer's key, so that clients find the CA that signed. */
export function authorityKeyIdentifier(issuerKey: KeyObject): Buffer {
  return extension('2.5.29.35', false, sequence(tlv(0x80, keyIdentifier(issuerKey))));
}
