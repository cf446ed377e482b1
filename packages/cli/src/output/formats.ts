import type { Colors } from 'picocolors/types';
import { write } from './stdout';

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

const MAX_WIDTH = 40;
const padCell = (text: string, width: number) =>
  text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
const flat = (text: string) => text.replace(/[\r\n\t]+/g, ' ');

export interface WriterOptions {
  readonly columns: string[] | undefined;
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
        let chosen = options.columns ?? keysOf(items, true);
        widths = chosen.map((column) =>
          Math.min(
            MAX_WIDTH,
            Math.max(column.length, ...items.map((item) => flat(cell(asRow(item)[column])).length)),
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
        const header = columns.map((column, index) => padCell(column, widths[index] ?? 0)).join('  ');
        await write(`${options.colors.bold(header.trimEnd())}\n`);
      }
      const chosen = columns;
      const text = items
        .map((item) =>
          chosen
            .map((column, index) => padCell(flat(cell(asRow(item)[column])), widths[index] ?? 0))
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
      columns ??= options.columns ?? keysOf(items, false);
      const chosen = columns;
      const records = items.map((item) => chosen.map((column) => cell(asRow(item)[column])));
      await write(stringify(records, { header, columns: chosen }));
    },
    async end() {},
  };
}

function jsonWriter(): CollectionWriter {
  let count = 0;
  return {
    async page(items) {
      const text = items
        .map(
          (item) =>
            `${count++ === 0 ? '[\n' : ',\n'}  ${JSON.stringify(item, null, 2).replace(/\n/g, '\n  ')}`,
        )
        .join('');
      await write(text);
    },
    async end() {
      await write(count === 0 ? '[]\n' : '\n]\n');
    },
  };
}

function ndjsonWriter(): CollectionWriter {
  return {
    async page(items) {
      await write(items.map((item) => `${JSON.stringify(item)}\n`).join(''));
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
      return ndjsonWriter();
    default:
      return jsonWriter();
  }
}

/** One entity: JSON pretty, one NDJSON line, one CSV row, or a two-column table of its fields. */
export async function writeEntity(format: Format, entity: unknown, options: WriterOptions): Promise<void> {
  if (format === 'json') return write(`${JSON.stringify(entity, null, 2)}\n`);
  if (format === 'ndjson') return write(`${JSON.stringify(entity)}\n`);
  if (format === 'csv') {
    const writer = csvWriter(options);
    await writer.page([entity]);
    return writer.end();
  }
  const row = asRow(entity);
  const keys = (options.columns ?? Object.keys(row)).filter((key) => !key.startsWith('@odata'));
  const width = Math.max(0, ...keys.map((key) => key.length));
  const lines = keys.map((key) => {
    const value = row[key];
    const text =
      Array.isArray(value) && value.length === 0 ? '' : isScalar(value) ? cell(value) : JSON.stringify(value);
    return `${options.colors.bold(key.padEnd(width))}  ${flat(text)}`;
  });
  return write(`${lines.join('\n')}\n`);
}
