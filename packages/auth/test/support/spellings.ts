import { secretSpellings } from '@mmd-sdk/core';

/** The part of `base64(padding + bytes)` that depends on `bytes` alone, at each of the three alignments. */
function base64Runs(bytes: Buffer, encoding: 'base64' | 'base64url'): string[] {
  return [0, 1, 2].map((offset) => {
    const text = Buffer.concat([Buffer.alloc(offset), bytes])
      .toString(encoding)
      .replace(/=+$/, '');
    return text.slice(Math.ceil((offset * 4) / 3), text.length - 3);
  });
}

/**
 * Every way a secret could sit in text or bytes: as it is, percent- or JSON-escaped (the redaction
 * spellings), in hex, or in base64 or base64url at any byte alignment.
 */
export function everySpelling(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const hex = bytes.toString('hex');
  return [
    ...secretSpellings(secret),
    hex,
    hex.toUpperCase(),
    ...base64Runs(bytes, 'base64'),
    ...base64Runs(bytes, 'base64url'),
  ].filter((spelling) => spelling.length >= 8);
}

/** The spellings of `secrets` found in `data` (text, or bytes read as latin1 so that every byte counts). */
export function spellingsFound(data: string | Buffer, secrets: readonly string[]): string[] {
  const text = typeof data === 'string' ? data : data.toString('latin1');
  return secrets.flatMap(everySpelling).filter((spelling) => text.includes(spelling));
}
