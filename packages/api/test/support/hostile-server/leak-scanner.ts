/**
 * The leak scanner: finds a case's client secret or tokens, in any spelling, in what a caller can see
 * of an error (message, stack, every field, the whole cause chain, JSON.stringify, util.inspect) and
 * in log lines, and masks them in anything the harness prints.
 *
 * Every secret and token of the harness holds an alphanumeric core of 32+ random characters, which
 * raw text, percent-encoding (either case of hex), form encoding, JSON escaping and double encodings
 * all leave as it is: finding the core finds every spelling, and a cut-off copy too. The full
 * spellings only name which one leaked. The core is also looked for case-insensitively.
 */
import { inspect } from 'node:util';

export interface Secret {
  readonly kind: 'client secret' | 'access token';
  readonly value: string;
  /** Alphanumeric, 32+ characters, inside `value`. */
  readonly core: string;
}

export interface Rendering {
  /** Where the text came from: `error.message`, `error.cause.stack`, `inspect(error)`, `log[3]`… */
  readonly where: string;
  readonly text: string;
}

export interface Leak {
  readonly secret: Secret['kind'];
  /** Which spelling: `raw`, `form (+ for space)`, `percent-encoded (lower-case hex)`, … */
  readonly spelling: string;
  readonly where: string;
  /** ~200 characters around the leak, every secret in it masked. */
  readonly excerpt: string;
}

function percentAll(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*~]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

const lowerHex = (text: string) => text.replace(/%[0-9A-F]{2}/g, (match) => match.toLowerCase());
const form = (text: string) => new URLSearchParams({ v: text }).toString().slice(2);
const json = (text: string) => JSON.stringify(text).slice(1, -1);

/** The spellings of `value` that a server or a proxy may send back, each named. */
export function spellingsOf(value: string): Array<{ name: string; text: string }> {
  const spellings: Array<[string, string]> = [
    ['raw', value],
    ['encodeURIComponent', encodeURIComponent(value)],
    ['encodeURIComponent (lower-case hex)', lowerHex(encodeURIComponent(value))],
    ['percent-encoded, all reserved', percentAll(value)],
    ['percent-encoded, all reserved (lower-case hex)', lowerHex(percentAll(value))],
    ['form (+ for space)', form(value)],
    ['form (%20 for space)', form(value).replace(/\+/g, '%20')],
    ['form (lower-case hex)', lowerHex(form(value))],
    ['JSON-escaped', json(value)],
    ['JSON-escaped with \\/', json(value).replace(/\//g, '\\/')],
    [
      'JSON-escaped with \\uXXXX',
      json(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    ],
    ['encodeURIComponent twice', encodeURIComponent(encodeURIComponent(value))],
    ['form, then encodeURIComponent', encodeURIComponent(form(value))],
    ['form, then percent-encoded (lower-case hex)', lowerHex(percentAll(form(value)))],
    ['JSON-escaped twice', json(json(value))],
  ];
  const unique = new Map<string, string>();
  for (const [name, text] of spellings) if (!unique.has(text)) unique.set(text, name);
  return [...unique].map(([text, name]) => ({ name, text })).sort((a, b) => b.text.length - a.text.length);
}

export class LeakScanner {
  private readonly secrets: readonly Secret[];
  /** Built when first needed: most scans find nothing and never need them. */
  private readonly spellingCache = new Map<Secret, Array<{ name: string; text: string }>>();

  constructor(secrets: readonly Secret[]) {
    this.secrets = secrets.filter((secret) => secret.core.length >= 16);
  }

  private spellingsOf(secret: Secret): Array<{ name: string; text: string }> {
    let spellings = this.spellingCache.get(secret);
    if (!spellings) {
      spellings = spellingsOf(secret.value);
      this.spellingCache.set(secret, spellings);
    }
    return spellings;
  }

  /** The first leak in `text`, if any. */
  scan(rendering: Rendering): Leak | undefined {
    const { text, where } = rendering;
    let lower: string | undefined;
    for (const secret of this.secrets) {
      let at = text.indexOf(secret.core);
      if (at < 0) {
        // Also in another case (a lower-cased header, say): 32+ random characters are still the secret.
        lower ??= text.toLowerCase();
        at = lower.indexOf(secret.core.toLowerCase());
        if (at < 0) continue;
      }
      const spelling = this.spellingsOf(secret).find((candidate) => text.includes(candidate.text));
      return {
        secret: secret.kind,
        spelling: spelling?.name ?? 'partial, case-changed or other spelling (its random core)',
        where,
        excerpt: this.excerpt(text),
      };
    }
    return undefined;
  }

  /**
   * About 200 characters of `text` around its first secret, masked. The whole text is masked before
   * it is cut, so that the cut cannot leave part of a secret unmasked.
   */
  excerpt(text: string, radius = 100): string {
    const masked = this.mask(text);
    const found = [masked.indexOf('«SECRET»'), masked.indexOf('«TOKEN»')].filter((index) => index >= 0);
    const at = found.length > 0 ? Math.min(...found) : 0;
    const start = Math.max(0, at - radius);
    const end = Math.min(masked.length, at + radius);
    return `${start > 0 ? '…' : ''}${masked.slice(start, end)}${end < masked.length ? '…' : ''}`;
  }

  /** `text` with every spelling of every secret replaced by «SECRET» or «TOKEN», and any leftover core too. */
  mask(text: string): string {
    let masked = text;
    for (const secret of this.secrets) {
      if (!masked.toLowerCase().includes(secret.core.toLowerCase())) continue;
      const label = secret.kind === 'client secret' ? '«SECRET»' : '«TOKEN»';
      for (const spelling of this.spellingsOf(secret)) masked = masked.split(spelling.text).join(label);
      masked = masked.replace(new RegExp(secret.core, 'gi'), label);
    }
    return masked;
  }
}

const MAX_NODES = 20_000;
const MAX_DEPTH = 12;

function walk(value: unknown, path: string, out: Rendering[], seen: Set<object>, depth: number): void {
  if (typeof value === 'string') {
    out.push({ where: path, text: value });
    return;
  }
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH || seen.size > MAX_NODES) return;
  if (seen.has(value)) return;
  seen.add(value);
  if (ArrayBuffer.isView(value)) {
    out.push({
      where: path,
      text: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8'),
    });
    return;
  }
  if (value instanceof Headers || value instanceof Map) {
    for (const [key, entry] of value as Iterable<[unknown, unknown]>) {
      walk(String(key), `${path}<key>`, out, seen, depth + 1);
      walk(entry, `${path}[${String(key)}]`, out, seen, depth + 1);
    }
  } else if (value instanceof Set) {
    let index = 0;
    for (const entry of value) walk(entry, `${path}<${index++}>`, out, seen, depth + 1);
  }
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (!descriptor) continue;
    let child: unknown = descriptor.value;
    if (!('value' in descriptor) && descriptor.get) {
      try {
        child = descriptor.get.call(value);
      } catch {
        continue;
      }
    }
    walk(child, `${path}.${String(key)}`, out, seen, depth + 1);
  }
}

function attempt(where: string, render: () => string | undefined, out: Rendering[]): void {
  try {
    const text = render();
    if (text !== undefined) out.push({ where, text });
  } catch (error) {
    out.push({ where: `${where} (threw)`, text: String((error as Error)?.message ?? error) });
  }
}

/**
 * Everything a caller can read from a thrown value: message, stack and String() of it and of every
 * error in its cause chain, every field (own, enumerable or not, symbols too) walked deeply,
 * `JSON.stringify` and `util.inspect` with hidden properties.
 */
export function renderError(error: unknown): Rendering[] {
  const out: Rendering[] = [];
  let link: unknown = error;
  for (let depth = 0, path = 'error'; link instanceof Error && depth < 16; depth++, path += '.cause') {
    const current = link;
    attempt(`${path}.message`, () => current.message, out);
    attempt(`${path}.stack`, () => current.stack, out);
    attempt(`String(${path})`, () => String(current), out);
    link = current.cause;
  }
  walk(error, 'error', out, new Set(), 0);
  attempt('JSON.stringify(error)', () => JSON.stringify(error), out);
  attempt('inspect(error)', () => inspect(error, { showHidden: true, depth: 10 }), out);
  return out;
}
