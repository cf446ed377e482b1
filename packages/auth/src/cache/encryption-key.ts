import type { KeyObject } from 'node:crypto';
import {
  decodeEncryptionKeyText,
  describeValue,
  ENCRYPTION_KEY_BYTES,
  MmdConfigurationError,
} from '@mmd-sdk/core';
import { nodeCrypto } from '../shared/node-builtins';

/** How to make a key, for the messages. */
export const MAKE_A_KEY =
  "make one with: node -e \"console.log(require('node:crypto').randomBytes(32).toString('base64'))\"";

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
  if (value instanceof Uint8Array && value.byteLength === ENCRYPTION_KEY_BYTES) bytes = Buffer.from(value);
  else if (typeof value === 'string') bytes = decodeEncryptionKeyText(value.trim());
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
