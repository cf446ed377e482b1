/** The bytes of a token store's AES-256 key. */
export const ENCRYPTION_KEY_BYTES = 32;

const HEX_KEY = /^[0-9A-Fa-f]{64}$/;
const BASE64_KEY = /^[A-Za-z0-9+/]{43}=?$/;
const BASE64URL_KEY = /^[A-Za-z0-9_-]{43}=?$/;

/**
 * The 32 bytes a key's text spells, as hex (64 digits), base64 or base64url (43 characters and an
 * optional `=`); `undefined` for any other text. The one rule of what a key may look like, for the
 * SDK's token cache and the `mmd` command line's key file and `MMD_TOKEN_CACHE_KEY` alike.
 */
export function decodeEncryptionKeyText(text: string): Buffer | undefined {
  if (HEX_KEY.test(text)) return Buffer.from(text, 'hex');
  const encoding = BASE64_KEY.test(text) ? 'base64' : BASE64URL_KEY.test(text) ? 'base64url' : undefined;
  const bytes = encoding === undefined ? undefined : Buffer.from(text, encoding);
  return bytes?.length === ENCRYPTION_KEY_BYTES ? bytes : undefined;
}
