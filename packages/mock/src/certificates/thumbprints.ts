import { createHash } from 'node:crypto';

/** SHA-256 and SHA-1 thumbprints of a DER certificate, base64url, as `x5t#S256` and `x5t` carry them. */
export function thumbprints(der: Buffer): { sha256: string; sha1: string } {
  return {
    sha256: createHash('sha256').update(der).digest('base64url'),
    sha1: createHash('sha1').update(der).digest('base64url'),
  };
}
