/** The `$filter` and `$orderby` subset the MMD docs use (`eq`, `and`, `contains`), plus its obvious kin. */

/** The longest `$filter` expression the mock parses; longer ones are answered 400. */
export const MAX_FILTER_LENGTH = 2_048;

/** How deeply `$filter` may nest parentheses and `not`; deeper ones are answered 400. */
export const MAX_FILTER_DEPTH = 32;

export class ODataQueryError extends Error {
  override readonly name = 'ODataQueryError';
}

type Value = string | number | boolean | null;
type Row = Record<string, unknown>;
type Predicate = (row: Row) => boolean;

interface Token {
  kind: 'name' | 'string' | 'number' | 'punctuation';
  text: string;
  value?: Value;
}

const NUMBER_OR_NAME = /(-?\d+(?:\.\d+)?)|([A-Za-z_][\w/.]*)/y;

/** Quotes a piece of the query in a message, cut short: the message is one short line. */
function quote(text: string): string {
  return `'${text.length > 64 ? `${text.slice(0, 64)}…` : text}'`;
}

function invalid(reason: string): ODataQueryError {
  return new ODataQueryError(`The query specified in the URI is not valid: ${reason}`);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index] as string;
    if (/\s/.test(char)) {
      index++;
    } else if (char === "'") {
      let value = '';
      index++;
      for (;;) {
        if (index >= text.length) throw invalid('unterminated string literal.');
        if (text[index] === "'") {
          if (text[index + 1] === "'") {
            value += "'";
            index += 2;
            continue;
          }
          index++;
          break;
        }
        value += text[index];
        index++;
      }
      tokens.push({ kind: 'string', text: value, value });
    } else if ('(),'.includes(char)) {
      tokens.push({ kind: 'punctuation', text: char });
      index++;
    } else {
      NUMBER_OR_NAME.lastIndex = index;
      const match = NUMBER_OR_NAME.exec(text);
      if (!match) throw invalid(`unexpected ${quote(char)}.`);
      if (match[1] !== undefined) tokens.push({ kind: 'number', text: match[1], value: Number(match[1]) });
      else tokens.push({ kind: 'name', text: match[2] as string });
      index += match[0].length;
    }
  }
  return tokens;
}

function read(row: Row, path: string): unknown {
  return path
    .split('/')
    .reduce<unknown>(
      (value, key) => (value && typeof value === 'object' ? (value as Row)[key] : undefined),
      row,
    );
}

function normalize(value: unknown): unknown {
  return typeof value === 'string' ? value.toLowerCase() : value;
}

function compare(left: unknown, right: unknown): number {
  const a = normalize(left);
  const b = normalize(right);
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  return (a as number | string) < (b as number | string) ? -1 : 1;
}

const COMPARISONS: Record<string, (order: number) => boolean> = {
  eq: (order) => order === 0,
  ne: (order) => order !== 0,
  gt: (order) => order > 0,
  ge: (order) => order >= 0,
  lt: (order) => order < 0,
  le: (order) => order <= 0,
};
const FUNCTIONS: Record<string, (field: string, text: string) => boolean> = {
  contains: (field, text) => field.includes(text),
  startswith: (field, text) => field.startsWith(text),
  endswith: (field, text) => field.endsWith(text),
};

/**
 * Parses a `$filter` expression into a predicate; throws `ODataQueryError` on anything else, on an
 * expression longer than `MAX_FILTER_LENGTH` characters and on one nesting parentheses and `not`
 * deeper than `MAX_FILTER_DEPTH`. The depth bound keeps the recursive descent (three frames a level)
 * far from the stack's end, whatever the input.
 */
export function parseFilter(text: string): Predicate {
  if (text.length > MAX_FILTER_LENGTH) {
    throw invalid(`$filter is ${text.length} characters long; the limit is ${MAX_FILTER_LENGTH}.`);
  }
  const tokens = tokenize(text);
  let position = 0;
  let depth = 0;
  const peek = () => tokens[position];
  const peekIs = (kind: Token['kind'], text: string) => peek()?.kind === kind && peek()?.text === text;
  const next = () => {
    const token = tokens[position++];
    if (!token) throw invalid('the expression ends too early.');
    return token;
  };
  const expect = (punctuation: string) => {
    const token = next();
    if (token.text !== punctuation) {
      throw invalid(`expected '${punctuation}' but found ${quote(token.text)}.`);
    }
  };
  const literal = (): Value => {
    const token = next();
    if (token.kind === 'string' || token.kind === 'number') return token.value as Value;
    if (token.kind === 'name' && ['true', 'false', 'null'].includes(token.text))
      return JSON.parse(token.text) as Value;
    throw invalid(`expected a literal but found ${quote(token.text)}.`);
  };
  const nested = <T>(parse: () => T): T => {
    if (++depth > MAX_FILTER_DEPTH) {
      throw invalid(`$filter nests parentheses and 'not' more than ${MAX_FILTER_DEPTH} deep.`);
    }
    const result = parse();
    depth--;
    return result;
  };

  function primary(): Predicate {
    const token = next();
    if (token.kind === 'punctuation' && token.text === '(') {
      return nested(() => {
        const inner = or();
        expect(')');
        return inner;
      });
    }
    if (token.kind === 'name' && token.text === 'not') {
      const inner = nested(primary);
      return (row) => !inner(row);
    }
    if (token.kind !== 'name') throw invalid(`unexpected ${quote(token.text)}.`);
    const call = FUNCTIONS[token.text.toLowerCase()];
    if (call && peekIs('punctuation', '(')) {
      expect('(');
      const field = next();
      if (field.kind !== 'name') throw invalid(`${quote(token.text)} needs a property name.`);
      expect(',');
      const value = literal();
      expect(')');
      return (row) => {
        const actual = read(row, field.text);
        return typeof actual === 'string' && call(actual.toLowerCase(), String(value).toLowerCase());
      };
    }
    const operator = next();
    const comparison = COMPARISONS[operator.text];
    if (!comparison) throw invalid(`unknown operator ${quote(operator.text)}.`);
    const value = literal();
    return (row) => comparison(compare(read(row, token.text), value));
  }

  // `a and b and c` is one flat list, not a chain of closures, so evaluating it never recurses deeply.
  function list(word: 'and' | 'or', operand: () => Predicate): Predicate {
    const parts = [operand()];
    while (peekIs('name', word)) {
      position++;
      parts.push(operand());
    }
    if (parts.length === 1) return parts[0] as Predicate;
    return word === 'and'
      ? (row) => parts.every((part) => part(row))
      : (row) => parts.some((part) => part(row));
  }

  const and = () => list('and', primary);
  const or = (): Predicate => list('or', and);

  const predicate = or();
  if (position < tokens.length) throw invalid(`unexpected ${quote(peek()?.text ?? '')}.`);
  return predicate;
}

/** Parses `$orderby` (`field [asc|desc], …`) into a comparator. */
export function parseOrderBy(text: string): (a: Row, b: Row) => number {
  const keys = text.split(',').map((part) => {
    const [field, direction = 'asc', extra] = part.trim().split(/\s+/);
    if (
      !field ||
      extra !== undefined ||
      !/^(asc|desc)$/i.test(direction) ||
      !/^[A-Za-z_][\w/]*$/.test(field)
    ) {
      throw invalid(`cannot order by ${quote(part.trim())}.`);
    }
    return { field, sign: direction.toLowerCase() === 'desc' ? -1 : 1 };
  });
  return (a, b) => {
    for (const { field, sign } of keys) {
      const order = compare(read(a, field), read(b, field));
      if (order !== 0) return order * sign;
    }
    return 0;
  };
}

/** Reads `$skip`/`$top`: whole numbers of at least 0. */
export function parseCount(name: string, value: string | null): number | undefined {
  if (value === null) return undefined;
  if (!/^\d+$/.test(value)) {
    throw invalid(`${name} must be a whole number of at least 0.`);
  }
  return Number(value);
}
