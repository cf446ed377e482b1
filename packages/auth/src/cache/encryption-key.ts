import type { KeyObject } from 'node:crypto';
import { describeValue, MmdConfigurationError } from '@mmd-sdk/core';
import { nodeCrypto } from '../shared/node-builtins';

const KEY_BYTES = 32;
const HEX_KEY = /^[0-9A-Fa-f]{64}$/;
const BASE64_KEY = /^[A-Za-z0-9+/]{43}=?$/;
const BASE64URL_KEY = /^[A-Za-z0-9_-]{43}=?$/;

/** How to make a key, for the messages. */
export const MAKE_A_KEY =
  "make one with: node -e \"console.log(require('node:crypto').randomBytes(32).toString('base64'))\"";

function decodeText(text: string): Buffer | undefined {
  if (HEX_KEY.test(text)) return Buffer.from(text, 'hex');
  const encoding = BASE64_KEY.test(text) ? 'base64' : BASE64URL_KEY.test(text) ? 'base64url' : undefined;
  const bytes = encoding === undefined ? undefined : Buffer.from(text, encoding);
  return bytes?.length === KEY_BYTES ? bytes : undefined;
}

/** What the value is, without any of it: its type and length. */
function shape(value: unknown): string {
  if (typeof value === 'string' && value.trim() !== '') return `text of ${value.trim().length} characters`;
  if (value instanceof Uint8Array) return `${value.byteLength} bytes`;
  return describeValue(value);
}

/**
 * The AES-256 key of the token store's entries: 32 bytes given as base64 (or base64url) text, hex
 * text, or a `Uint8Array`. Kept as a `KeyObject`, which prints nothing of the key; the copy read is
 * zeroed. A bad key is an `MmdConfigurationError` that never quotes the value.
 */
export function readEncryptionKey(value: unknown, option: string): KeyObject {
  let bytes: Buffer | undefined;
  if (value instanceof Uint8Array && value.byteLength === KEY_BYTES) bytes = Buffer.from(value);
  else if (typeof value === 'string') bytes = decodeText(value.trim());
  if (bytes === undefined) {
    throw new MmdConfigurationError(
      option,
      `${option} must be 32 random bytes, as base64 (44 characters) or hex (64 characters) or a Uint8Array (got ${shape(value)}); ${MAKE_A_KEY}.`,
    );
  }
  try {
    return nodeCrypto().createSecretKey(bytes);
  } finally {
    bytes.fill(0);
  }
}
