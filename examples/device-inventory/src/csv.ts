/** A CSV cell's value: `null` and `undefined` become an empty field. */
export type CsvValue = string | number | boolean | null | undefined;

/** Characters that oblige RFC 4180 to quote a field: the quote itself, the separator, line breaks. */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One field as RFC 4180 writes it: quoted when it holds a quote, a comma, a CR or an LF, with every
 * quote doubled; otherwise as it is.
 */
export function csvField(value: CsvValue): string {
  const text = value === null || value === undefined ? '' : String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record: the fields joined by commas and ended by CRLF, as RFC 4180 asks. */
export function csvRecord(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
