import type { Colors } from 'picocolors/types';
import { UsageError } from '../errors';
import { write } from './stdout';
import { tableCell, terminalSafe } from './terminal-safe';

export type Format = 'table' | 'json' | 'ndjson' | 'csv';
export const FORMATS: readonly Format[] = ['table', 'json', 'ndjson', 'csv'];

/** Receives a collection page by page; holds no more than one page. */
export interface CollectionWriter {
  page(items: readonly unknown[]): Promise<void>;
  end(): Promise<void>;
}

type Row = Record<string, unknown>;
const asRow = (item: unknown): Row =>
  item !== null && typeof item === 'object' && !Array.isArray(item) ? (item as Row) : { value: item };
/** A field the item holds itself: never one of `Object.prototype`'s (`__proto__`, `constructor`). */
const field = (row: Row, name: string): unknown => (Object.hasOwn(row, name) ? row[name] : undefined);
const isScalar = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function keysOf(items: readonly unknown[], scalarOnly: boolean): string[] {
  const keys = new Set<string>();
  for (const item of items) {
    for (const [key, value] of Object.entries(asRow(item))) {
      if (!key.startsWith('@odata') && (!scalarOnly || isScalar(value) || value === undefined)) keys.add(key);
    }
  }
  return [...keys];
}

/**
 * The `--columns` asked for, checked against the first page: a field no item has is a typo, refused
 * before anything is written rather than printed as an empty column.
 */
function checkColumns(columns: string[] | undefined, items: readonly unknown[]): void {
  if (!columns || items.length === 0) return;
  const known = keysOf(items, false);
  const unknown = columns.filter((column) => !known.includes(column));
  if (unknown.length > 0) {
    throw new UsageError(
      `--columns: no field ${unknown.map((column) => `"${column}"`).join(', ')} in the items; their fields are ${known.join(', ')}.`,
    );
  }
}

const MAX_WIDTH = 40;
const padCell = (text: string, width: number) =>
  text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);

export interface WriterOptions {
  readonly columns: string[] | undefined;
  /** Whether stdout is a terminal: CSV cells are then made terminal-safe (in a file they stay exact). */
  readonly terminal: boolean;
  readonly colors: Colors;
  /** The terminal's width, when stdout is one. */
  readonly width: number | undefined;
}

function tableWriter(options: WriterOptions): CollectionWriter {
  let columns: string[] | undefined;
  let widths: number[] = [];
  let rows = 0;
  return {
    async page(items) {
      if (!columns) {
        if (items.length === 0) return;
        checkColumns(options.columns, items);
        let chosen = options.columns ?? keysOf(items, true);
        widths = chosen.map((column) =>
          Math.min(
            MAX_WIDTH,
            Math.max(
              column.length,
              ...items.map((item) => tableCell(cell(field(asRow(item), column))).length),
            ),
          ),
        );
        if (options.width !== undefined && !options.columns) {
          // As many columns as the terminal shows without wrapping (at least one).
          let used = 0;
          const keep = chosen.findIndex((_, index) => {
            used += (widths[index] ?? 0) + 2;
            return used > (options.width ?? 0) && index > 0;
          });
          if (keep > 0) {
            chosen = chosen.slice(0, keep);
            widths = widths.slice(0, keep);
          }
        }
        columns = chosen;
        const header = columns
          .map((column, index) => padCell(tableCell(column), widths[index] ?? 0))
          .join('  ');
        await write(`${options.colors.bold(header.trimEnd())}\n`);
      }
      const chosen = columns;
      const text = items
        .map((item) =>
          chosen
            .map((column, index) => padCell(tableCell(cell(field(asRow(item), column))), widths[index] ?? 0))
            .join('  ')
            .trimEnd(),
        )
        .join('\n');
      rows += items.length;
      if (items.length) await write(`${text}\n`);
    },
    async end() {
      if (rows === 0) process.stderr.write(`${options.colors.dim('(no items)')}\n`);
    },
  };
}

function csvWriter(options: WriterOptions): CollectionWriter {
  let columns: string[] | undefined;
  let stringify: typeof import('csv-stringify/sync').stringify | undefined;
  return {
    async page(items) {
      if (items.length === 0) return;
      stringify ??= (await import('csv-stringify/sync')).stringify;
      const header = columns === undefined;
      if (header) checkColumns(options.columns, items);
      columns ??= options.columns ?? keysOf(items, false);
      const chosen = columns;
      const records = items.map((item) => chosen.map((column) => cell(field(asRow(item), column))));
      const text = stringify(records, { header, columns: chosen });
      await write(options.terminal ? terminalSafe(text) : text);
    },
    async end() {
      // No items: the header alone, when the columns are known.
      if (columns === undefined && options.columns) {
        columns = options.columns;
        stringify ??= (await import('csv-stringify/sync')).stringify;
        await write(stringify([], { header: true, columns }));
      }
    },
  };
}

/**
 * JSON text with every terminal-active character escaped: JSON escapes C0 controls itself, but not
 * C1 controls nor bidirectional overrides; `\u009b` is the same JSON value, so nothing is lost.
 */
const json = (value: unknown, indent?: number) => terminalSafe(JSON.stringify(value, null, indent));

/** The item with only the `--columns` fields, in their order; the item itself without `--columns`. */
function picked(item: unknown, columns: string[] | undefined): unknown {
  if (!columns) return item;
  const row = asRow(item);
  return Object.fromEntries(columns.map((column) => [column, field(row, column) ?? null]));
}

/** Checks `--columns` on the first page, then gives each item as `picked`. */
function projection(columns: string[] | undefined) {
  let checked = false;
  return (items: readonly unknown[]) => {
    if (!checked && items.length > 0) {
      checkColumns(columns, items);
      checked = true;
    }
    return columns ? items.map((item) => picked(item, columns)) : items;
  };
}

function jsonWriter(options: WriterOptions): CollectionWriter {
  let count = 0;
  const project = projection(options.columns);
  return {
    async page(page) {
      const items = project(page);
      const text = items
        .map((item) => `${count++ === 0 ? '[\n' : ',\n'}  ${json(item, 2).replace(/\n/g, '\n  ')}`)
        .join('');
      await write(text);
    },
    async end() {
      await write(count === 0 ? '[]\n' : '\n]\n');
    },
  };
}

function ndjsonWriter(options: WriterOptions): CollectionWriter {
  const project = projection(options.columns);
  return {
    async page(page) {
      const items = project(page);
      await write(items.map((item) => `${json(item)}\n`).join(''));
    },
    async end() {},
  };
}

export function collectionWriter(format: Format, options: WriterOptions): CollectionWriter {
  switch (format) {
    case 'table':
      return tableWriter(options);
    case 'csv':
      return csvWriter(options);
    case 'ndjson':
      return ndjsonWriter(options);
    default:
      return jsonWriter(options);
  }
}

/** One entity: JSON pretty, one NDJSON line, one CSV row, or a two-column table of its fields. */
export async function writeEntity(format: Format, entity: unknown, options: WriterOptions): Promise<void> {
  checkColumns(options.columns, [entity]);
  if (format === 'json') return write(`${json(picked(entity, options.columns), 2)}\n`);
  if (format === 'ndjson') return write(`${json(picked(entity, options.columns))}\n`);
  if (format === 'csv') {
    const writer = csvWriter(options);
    await writer.page([entity]);
    return writer.end();
  }
  const row = asRow(entity);
  const keys = (options.columns ?? Object.keys(row)).filter((key) => !key.startsWith('@odata'));
  const width = Math.max(0, ...keys.map((key) => tableCell(key).length));
  const lines = keys.map((key) => {
    const value = field(row, key);
    const text =
      Array.isArray(value) && value.length === 0 ? '' : isScalar(value) ? cell(value) : JSON.stringify(value);
    return `${options.colors.bold(tableCell(key).padEnd(width))}  ${tableCell(text)}`;
  });
  return write(`${lines.join('\n')}\n`);
}
