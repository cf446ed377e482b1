/** The limits the mock puts on what it reads from a request, each answered with a 4xx. */

/** The longest request target (path and query) the mock reads; longer ones are answered 414. */
export const MAX_URL_LENGTH = 8_192;

/**
 * The most bytes of request line and headers Node's parser takes before it answers 431 itself. Above
 * `MAX_URL_LENGTH`, so that an overlong URL gets the mock's 414 rather than Node's 431.
 */
export const MAX_HEADER_BYTES = 65_536;

/** The largest request body the mock reads; larger ones are answered 413. */
export const MAX_BODY_BYTES = 1_048_576;

/** The longest `$filter` expression the mock parses; longer ones are answered 400. */
export const MAX_FILTER_LENGTH = 2_048;

/** How deeply `$filter` may nest parentheses and `not`; deeper ones are answered 400. */
export const MAX_FILTER_DEPTH = 32;
