/** Characters `encodeURIComponent` leaves alone but stricter encoders (RFC 3986 `unreserved` aside) escape. */
const SUB_DELIMITERS = /[!'()*~]/g;

/** What ASP.NET's default `JavaScriptEncoder` (Entra's JSON) escapes as `\uXXXX` besides non-ASCII. */
const HTML_SENSITIVE = /\\"|[&'+<>`]/g;

function hex4(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** RFC 3986 as Python's `quote` and .NET's `Uri.EscapeDataString` apply it: `~` left, `!'()*` escaped. */
function percentEncodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function percentEncodeAll(text: string): string {
  return encodeURIComponent(text).replace(
    SUB_DELIMITERS,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function jsonEscaped(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

function jsonAsciiEscaped(text: string): string {
  return jsonEscaped(text).replace(/[\u007f-\uffff]/g, hex4);
}

/** As `System.Text.Json` writes it by default: also `"`, `&`, `'`, `+`, `<`, `>` and `` ` `` as `\uXXXX`. */
function jsonDotNetEscaped(text: string): string {
  return jsonAsciiEscaped(text).replace(HTML_SENSITIVE, (match) => hex4(match.slice(-1)));
}

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * A secret base64- and base64url-encoded, padded and not: of its UTF-8 bytes (what `Buffer.from`,
 * `TextEncoder` and most encoders take) and, when every character fits a byte, of its Latin-1 bytes
 * (what `btoa` takes). A server or a proxy that echoes a header (`Basic …`, `IDENTITY_HEADER`) or a
 * blob may send it back this way.
 */
export function base64Spellings(secret: string): string[] {
  const wellFormed = (secret as string & { toWellFormed(): string }).toWellFormed();
  const encodings = [base64Of(new TextEncoder().encode(wellFormed))];
  // biome-ignore lint/suspicious/noControlCharactersInRegex: every Latin-1 character is one byte
  if (/^[\u0000-\u00ff]*$/.test(secret)) {
    encodings.push(base64Of(Uint8Array.from(secret, (character) => character.charCodeAt(0))));
  }
  const spellings: string[] = [];
  for (const padded of encodings) {
    const unpadded = padded.replace(/=+$/, '');
    const url = unpadded.replace(/\+/g, '-').replace(/\//g, '_');
    spellings.push(padded, unpadded, url, `${url}${'='.repeat(padded.length - unpadded.length)}`);
  }
  return [...new Set(spellings)];
}

/**
 * The ways a secret can come back from a server or a proxy: raw, percent-encoded (strictly, as
 * RFC 3986 or as `encodeURIComponent` does), form-urlencoded (`+` for space), encoded twice, and JSON-escaped
 * (with `\/`, with `\uXXXX`, and as .NET escapes it), and base64- or base64url-encoded (see
 * `base64Spellings`; those are not escaped further here).
 */
export function secretSpellings(secret: string): string[] {
  // A lone surrogate cannot be percent-encoded (`encodeURIComponent` throws); what goes on the wire
  // is its replacement character, as `URLSearchParams` and `TextEncoder` send it.
  const wellFormed = (secret as string & { toWellFormed(): string }).toWellFormed();
  const form = new URLSearchParams({ s: wellFormed }).toString().slice(2);
  const spellings = [
    secret,
    wellFormed,
    encodeURIComponent(wellFormed),
    percentEncodeAll(wellFormed),
    percentEncodeRfc3986(wellFormed),
    percentEncodeRfc3986(wellFormed).replace(/%20/g, '+'),
    form,
    form.replace(/\+/g, '%20'),
    encodeURIComponent(encodeURIComponent(wellFormed)),
    encodeURIComponent(form),
    jsonEscaped(secret),
    jsonEscaped(secret).replace(/\//g, '\\/'),
    jsonAsciiEscaped(secret),
    jsonDotNetEscaped(secret),
    ...base64Spellings(secret),
  ];
  return [...new Set(spellings)];
}

/**
 * A secret as hex digits of its UTF-8 bytes, lower and upper case: how a debugging proxy or a
 * server that dumps what it received may echo it.
 */
export function hexSpellings(secret: string): string[] {
  const wellFormed = (secret as string & { toWellFormed(): string }).toWellFormed();
  const hex = [...new TextEncoder().encode(wellFormed)]
    .map((byte) => byte.toString(16).padStart(2, '0'))
    .join('');
  return [hex, hex.toUpperCase()];
}

/** Shorter base64 fragments are not searched: they would match innocent text. */
const MIN_FRAGMENT_LENGTH = 16;

/**
 * The base64 characters that only the secret decides when it sits inside a larger encoded text, at
 * each of the three byte alignments: what remains of it in an echoed request body (`client_secret=…`
 * base64-encoded), as sent raw and form-encoded. The characters that mix in the neighbouring bytes are
 * left out; fragments under 16 characters are not kept.
 */
export function embeddedBase64Spellings(secret: string): string[] {
  const wellFormed = (secret as string & { toWellFormed(): string }).toWellFormed();
  const fragments = new Set<string>();
  for (const sent of [wellFormed, new URLSearchParams({ s: wellFormed }).toString().slice(2)]) {
    const bytes = new TextEncoder().encode(sent);
    for (const shift of [0, 1, 2]) {
      const shifted = new Uint8Array(shift + bytes.length);
      shifted.set(bytes, shift);
      const encoded = base64Of(shifted);
      // Whole groups of three bytes are four characters; the first group holds the shift's bytes.
      const fragment = encoded.slice(shift === 0 ? 0 : 4, Math.floor(shifted.length / 3) * 4);
      if (fragment.length < MIN_FRAGMENT_LENGTH) continue;
      fragments.add(fragment);
      fragments.add(fragment.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return [...fragments];
}
