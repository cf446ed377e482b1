/** The longest text taken from an answer into a message. */
export const MAX_ECHOED_TEXT = 300;

// Control characters, line and paragraph separators and any run of whitespace become one space.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
export const BREAKS = /[\s\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * One line of at most `max` characters: control characters and line breaks become spaces, lone
 * surrogates are replaced, and a longer text is cut with `…`. With `redact`, secrets are replaced
 * before and after the folding (a secret sent with line breaks for its spaces comes back whole once
 * folded) and before the cut, so that a cut never leaves part of one behind.
 */
export function oneLine(text: string, max = MAX_ECHOED_TEXT, redact?: (text: string) => string): string {
  const source = redact ? redact(text) : text;
  // `toWellFormed` (Node 20+) replaces lone surrogates, which would break encoders downstream.
  const folded = (source as string & { toWellFormed(): string }).toWellFormed().replace(BREAKS, ' ').trim();
  const line = redact ? redact(folded) : folded;
  if (line.length <= max) return line;
  // Cutting between the halves of a surrogate pair would leave a lone surrogate behind.
  const cut = /[\uD800-\uDBFF]/.test(line.charAt(max - 1)) ? max - 1 : max;
  return `${line.slice(0, cut)}…`;
}

/** Ends a sentence with a period unless it already ends with one. */
export function sentence(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}
