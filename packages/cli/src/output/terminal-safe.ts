/**
 * Characters a terminal acts on rather than shows: C0 controls but line feed and tab, and C1 controls
 * (ESC starts colour, title and screen-clearing sequences, U+009B is a one-byte CSI, BEL rings, CR
 * overwrites the line), the line and paragraph separators, and the bidirectional marks, overrides and
 * isolates that reorder what follows.
 * Data from the service may hold any of them.
 */
const ACTIVE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escaped = (character: string) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * Text as a terminal may print it: every active character written as its `\uXXXX` escape, so data
 * from the service can neither run terminal sequences nor reorder a line, and still shows what it
 * holds. Line feeds and tabs stay (JSON's and CSV's own layout). JSON text stays JSON with the same
 * value: inside its strings those characters can only be C1 controls or bidirectional marks, whose
 * `\uXXXX` escapes are JSON's own.
 */
export function terminalSafe(text: string): string {
  return text.replace(ACTIVE, escaped);
}

/** One table cell: line breaks and tabs as spaces, every other active character escaped. */
export function tableCell(text: string): string {
  return terminalSafe(text.replace(/[\r\n\t]+/g, ' '));
}
