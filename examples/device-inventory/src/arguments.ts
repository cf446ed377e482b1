import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { closestName } from './closest-name';

/** What the command line asks device-inventory to do. */
export interface InventoryOptions {
  /** Print every device in a table after the summaries (`--table` or `--all`). */
  readonly table: boolean;
  /** Write every device to this file as CSV. */
  readonly csv: string | undefined;
  /** Write every device to this file as a JSON array. */
  readonly json: string | undefined;
  /** Overwrite an existing `csv` or `json` file. */
  readonly force: boolean;
  /** Devices per request; `undefined` leaves the SDK's default. */
  readonly pageSize: number | undefined;
}

export type ParsedArguments =
  | { readonly kind: 'help' }
  | { readonly kind: 'run'; readonly options: InventoryOptions }
  /** `message` is one line that says what to change. */
  | { readonly kind: 'error'; readonly message: string };

const OPTIONS = {
  table: { type: 'boolean' },
  all: { type: 'boolean' },
  csv: { type: 'string' },
  json: { type: 'string' },
  force: { type: 'boolean' },
  'page-size': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type OptionName = keyof typeof OPTIONS;

const NAMES = Object.keys(OPTIONS) as OptionName[];
const EXAMPLES: Readonly<Record<OptionName, string>> = {
  table: '--table',
  all: '--all',
  csv: '--csv devices.csv',
  json: '--json devices.json',
  force: '--force',
  'page-size': '--page-size 500',
  help: '--help',
};
/** The most `$top` the SDK's paginate accepts. */
const MAX_PAGE_SIZE = 100_000;
const SEE_HELP = 'run with --help to see the options';

const isOptionName = (name: string): name is OptionName => Object.hasOwn(OPTIONS, name);

/**
 * Reads device-inventory's arguments (`process.argv.slice(2)`). Never throws and never touches the
 * file system: a mistake comes back as `{ kind: 'error', message }`. One leading `--` is skipped, as
 * `pnpm start -- --csv x.csv` passes it on.
 */
export function parseArguments(argv: readonly string[]): ParsedArguments {
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  // Not strict: every token comes back, so each mistake gets its own message below instead of
  // Node's multi-line one.
  const { tokens } = parseArgs({
    args,
    options: OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });

  if (tokens.some((token) => token.kind === 'option' && token.name === 'help')) return { kind: 'help' };

  const strings = new Map<OptionName, string>();
  const flags = new Set<OptionName>();
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') {
      return {
        kind: 'error',
        message: `unexpected argument ${JSON.stringify(token.value)}: every option starts with --, as in --csv devices.csv (${SEE_HELP}).`,
      };
    }
    const name = token.name;
    if (!isOptionName(name)) {
      const near = closestName(name, NAMES);
      return {
        kind: 'error',
        message: `unknown option ${token.rawName}${near ? ` (did you mean --${near}?)` : ''}; ${SEE_HELP}.`,
      };
    }
    if (OPTIONS[name].type === 'boolean') {
      if (token.value !== undefined) {
        return { kind: 'error', message: `--${name} takes no value: write ${EXAMPLES[name]} alone.` };
      }
      flags.add(name);
      continue;
    }
    // A separate value that looks like an option is the next option, not this one's value:
    // `--csv --table`. A negative number is left to the value's own check.
    const value = token.value;
    if (value === undefined || value === '' || (!token.inlineValue && /^-(?!\d)/.test(value))) {
      return {
        kind: 'error',
        message: `--${name} needs ${name === 'page-size' ? 'a number' : 'a file name'}, as in ${EXAMPLES[name]}.`,
      };
    }
    if (strings.has(name)) {
      return { kind: 'error', message: `--${name} is given twice; give it once.` };
    }
    strings.set(name, value);
  }

  const pageSize = readPageSize(strings.get('page-size'));
  if (typeof pageSize === 'string') return { kind: 'error', message: pageSize };
  const csv = strings.get('csv');
  const json = strings.get('json');
  if (csv !== undefined && json !== undefined && resolve(csv) === resolve(json)) {
    return { kind: 'error', message: `--csv and --json both name ${csv}; give each its own file.` };
  }
  return {
    kind: 'run',
    options: {
      table: flags.has('table') || flags.has('all'),
      csv,
      json,
      force: flags.has('force'),
      pageSize,
    },
  };
}

/** The page size, `undefined` when not given, or the one-line message of a bad one. */
function readPageSize(text: string | undefined): number | undefined | string {
  if (text === undefined) return undefined;
  const size = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    return `--page-size must be a whole number from 1 to ${MAX_PAGE_SIZE}, as in --page-size 500; got ${JSON.stringify(text)}.`;
  }
  return size;
}
