import { describe, expect, it } from 'vitest';
import { type InventoryOptions, parseArguments } from '../src/arguments';

const DEFAULTS: InventoryOptions = {
  table: false,
  csv: undefined,
  json: undefined,
  force: false,
  pageSize: undefined,
};

function options(argv: string[]): InventoryOptions {
  const parsed = parseArguments(argv);
  if (parsed.kind !== 'run') throw new Error(`expected options, got ${JSON.stringify(parsed)}`);
  return parsed.options;
}

function error(argv: string[]): string {
  const parsed = parseArguments(argv);
  if (parsed.kind !== 'error') throw new Error(`expected an error, got ${JSON.stringify(parsed)}`);
  return parsed.message;
}

describe('parseArguments', () => {
  it('runs with the defaults when given nothing: summaries only, the SDK page size', () => {
    expect(options([])).toEqual(DEFAULTS);
  });

  it('reads every option', () => {
    expect(
      options(['--table', '--csv', 'out.csv', '--json=out.json', '--force', '--page-size', '500']),
    ).toEqual({ table: true, csv: 'out.csv', json: 'out.json', force: true, pageSize: 500 });
  });

  it('takes --all for --table', () => {
    expect(options(['--all']).table).toBe(true);
  });

  it('skips one leading -- (pnpm start -- --csv x.csv passes it on)', () => {
    expect(options(['--', '--csv', 'x.csv']).csv).toBe('x.csv');
  });

  it('answers help to --help and -h, whatever else is given', () => {
    expect(parseArguments(['--help'])).toEqual({ kind: 'help' });
    expect(parseArguments(['-h'])).toEqual({ kind: 'help' });
    expect(parseArguments(['--tabel', '--help'])).toEqual({ kind: 'help' });
  });

  it('refuses an unknown option, suggesting the nearest one', () => {
    expect(error(['--tabel'])).toBe(
      'unknown option --tabel (did you mean --table?); run with --help to see the options.',
    );
    expect(error(['--verbose'])).toBe('unknown option --verbose; run with --help to see the options.');
    expect(error(['-x'])).toMatch(/^unknown option -x;/);
  });

  it('refuses a file option without its file', () => {
    expect(error(['--csv'])).toBe('--csv needs a file name, as in --csv devices.csv.');
    expect(error(['--json'])).toBe('--json needs a file name, as in --json devices.json.');
    expect(error(['--csv='])).toBe('--csv needs a file name, as in --csv devices.csv.');
    // The next option is not taken for the file name.
    expect(error(['--csv', '--table'])).toBe('--csv needs a file name, as in --csv devices.csv.');
  });

  it('takes a file name that starts with a dash when written with =', () => {
    expect(options(['--csv=-devices.csv']).csv).toBe('-devices.csv');
  });

  it('refuses a positional argument', () => {
    expect(error(['devices.csv'])).toMatch(/^unexpected argument "devices.csv": every option starts with --/);
  });

  it('refuses a value given to a flag', () => {
    expect(error(['--table=yes'])).toBe('--table takes no value: write --table alone.');
  });

  it('refuses a file option given twice', () => {
    expect(error(['--csv', 'a.csv', '--csv', 'b.csv'])).toBe('--csv is given twice; give it once.');
  });

  it('refuses the same file for --csv and --json', () => {
    expect(error(['--csv', 'out', '--json', './out'])).toBe(
      '--csv and --json both name out; give each its own file.',
    );
  });

  it('checks the page size', () => {
    expect(options(['--page-size', '1']).pageSize).toBe(1);
    expect(options(['--page-size=100000']).pageSize).toBe(100_000);
    for (const bad of ['0', '100001', '2.5', 'abc', '1e3', '-5', ' 5']) {
      expect(error([`--page-size=${bad}`])).toBe(
        `--page-size must be a whole number from 1 to 100000, as in --page-size 500; got "${bad}".`,
      );
    }
    expect(error(['--page-size', '-5'])).toMatch(/^--page-size must be a whole number/);
    expect(error(['--page-size'])).toBe('--page-size needs a number, as in --page-size 500.');
  });

  it('gives every error on one line', () => {
    for (const argv of [['--tabel'], ['--csv'], ['x'], ['a\nb'], ['--page-size=1\n2'], ['--force=1']]) {
      expect(error(argv)).not.toContain('\n');
    }
  });
});
