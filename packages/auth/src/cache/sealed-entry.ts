import type { KeyObject } from 'node:crypto';
import { isBearerTokenSyntax } from '@mmd-sdk/core';
import { nodeCrypto } from '../shared/node-builtins';
import { parseJson } from '../shared/parse-json';
import type { AccessToken } from '../shared/types';
import { accessTokenOf } from './redacted-access-token';

const FORMAT = 'mmd1';
const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * A token as a store keeps it: `mmd1.<iv>.<ciphertext>.<tag>` (base64url), the AES-256-GCM
 * encryption of `{ token, expiresOn, refreshAfter }` under a random 12-byte IV, with the entry's key
 * as authenticated data, so that an entry copied under another key does not open.
 */
export function sealEntry(key: KeyObject, entryKey: string, token: AccessToken): string {
  const crypto = nodeCrypto();
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv(CIPHER, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(entryKey, 'utf8'));
  const plain = JSON.stringify({
    token: token.token,
    expiresOn: token.expiresOnTimestamp,
    refreshAfter: token.refreshAfterTimestamp,
  });
  const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [FORMAT, iv, sealed, cipher.getAuthTag()]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

function decrypt(key: KeyObject, entryKey: string, sealed: string): string | undefined {
  const [format, iv, data, tag, ...rest] = sealed.split('.');
  if (format !== FORMAT || iv === undefined || data === undefined || tag === undefined || rest.length > 0)
    return undefined;
  try {
    const decipher = nodeCrypto().createDecipheriv(CIPHER, key, Buffer.from(iv, 'base64url'), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(Buffer.from(entryKey, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    // Another key, a tampered or truncated entry: it is not ours to read.
    return undefined;
  }
}

/**
 * The token a sealed entry holds, or `undefined` when it does not open (another key, corrupt,
 * tampered, another format) or holds something that is not a usable token.
 */
export function openEntry(key: KeyObject, entryKey: string, sealed: unknown): AccessToken | undefined {
  if (typeof sealed !== 'string') return undefined;
  const body = parseJson(decrypt(key, entryKey, sealed) ?? '');
  if (body === null || typeof body !== 'object') return undefined;
  const { token, expiresOn, refreshAfter } = body as Record<string, unknown>;
  if (
    !isBearerTokenSyntax(token) ||
    typeof expiresOn !== 'number' ||
    typeof refreshAfter !== 'number' ||
    !Number.isFinite(expiresOn) ||
    !(refreshAfter <= expiresOn)
  ) {
    return undefined;
  }
  return accessTokenOf(token, expiresOn, refreshAfter);
}
