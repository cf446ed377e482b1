import type { OperationSpec } from '@mmd-sdk/mmd-api';
import { createColors } from 'picocolors';
import { EXIT, UsageError } from '../errors';
import { queryFlag } from '../naming';
import { collectionWriter, FORMATS, type Format, writeEntity } from '../output/formats';
import { createProgress } from '../output/progress';
import { write } from '../output/stdout';
import { terminalSafe } from '../output/terminal-safe';
import { promptTheme } from '../prompts/prompt-theme';
import { type GlobalOptions, openSession } from '../session';
import { readBody } from './body';
import { keepMemorySteady } from './steady-memory';

export interface OperationOptions extends GlobalOptions {
  body?: string;
  all?: boolean;
  pageSize?: string;
  columns?: string;
  [flag: string]: unknown;
}

const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

export function colorsFor(stream: NodeJS.WriteStream, options: Pick<GlobalOptions, 'color'>) {
  const enabled =
    options.color !== false &&
    !('NO_COLOR' in process.env && process.env.NO_COLOR !== '') &&
    (Boolean(stream.isTTY) || Boolean(process.env.FORCE_COLOR));
  return createColors(enabled);
}

/** `--output`, else `table` on a terminal and `json` otherwise. */
export function outputFormat(options: Pick<GlobalOptions, 'output'>): Format {
  const format = options.output ?? (process.stdout.isTTY ? 'table' : 'json');
  if (!FORMATS.includes(format as Format)) {
    throw new UsageError(`--output must be one of ${FORMATS.join(', ')}; got ${format}.`);
  }
  return format as Format;
}

/** A flag's text as the query value the document types it: a whole number, a number, a boolean or text. */
function queryValue(parameter: string, value: unknown, spec: OperationSpec): string | number | boolean {
  const text = String(value);
  const type = spec.query[parameter]?.type ?? 'string';
  const flag = `--${queryFlag(parameter)}`;
  if (type === 'integer') {
    const number = Number(text);
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(number)) {
      throw new UsageError(`${flag} must be a whole number.`);
    }
    return number;
  }
  if (type === 'number') {
    const number = Number(text);
    if (text.trim() === '' || !Number.isFinite(number)) {
      throw new UsageError(`${flag} must be a number.`);
    }
    return number;
  }
  if (type === 'boolean') {
    if (text !== 'true' && text !== 'false') throw new UsageError(`${flag} must be true or false.`);
    return text === 'true';
  }
  return text;
}

function fill(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** Asks before a POST or PATCH, on a terminal; refuses without `--yes` when stdin is not one. */
async function confirmWrite(description: string, options: OperationOptions): Promise<void> {
  if (options.yes) return;
  if (!process.stdin.isTTY) {
    throw new UsageError(
      `${description} changes data: pass --yes (stdin is not a terminal, so mmd cannot ask).`,
    );
  }
  const { default: confirm } = await import('@inquirer/confirm');
  const accepted = await confirm(
    { message: `${description}?`, default: false, theme: promptTheme(options.color) },
    { output: process.stderr },
  );
  if (!accepted) {
    process.stderr.write('Cancelled: nothing was sent.\n');
    process.exit(EXIT.usage);
  }
}

/**
 * Runs one operation of the table: path parameters from the positionals, query parameters from the
 * flags, the body from `--body`; asks before a write; prints the answer in the chosen format, page by
 * page for `--all`.
 */
export async function runOperation(
  operationId: string,
  spec: OperationSpec,
  positionals: readonly string[],
  options: OperationOptions,
): Promise<void> {
  const format = outputFormat(options);
  const path: Record<string, string> = {};
  spec.pathParams
    .filter((name) => name !== 'tenantId')
    .forEach((name, index) => {
      path[name] = positionals[index] as string;
    });
  const query: Record<string, string | number | boolean> = {};
  for (const parameter of spec.queryParams) {
    const value = options[camel(queryFlag(parameter))];
    if (value !== undefined) query[parameter] = queryValue(parameter, value, spec);
  }
  let body: unknown;
  if (spec.body === 'json') {
    if (options.body === undefined) {
      throw new UsageError(
        `${operationId} needs a body: --body '{json}', --body @file.json or --body - (stdin).`,
      );
    }
    body = await readBody(options.body);
  }
  const columns = options.columns
    ?.split(',')
    .map((column) => column.trim())
    .filter(Boolean);
  if (columns?.length === 0)
    throw new UsageError('--columns takes field names, such as --columns name,model.');
  if (options.pageSize !== undefined && !options.all) {
    throw new UsageError('--page-size sets the page size of --all: add --all, or use --top for one page.');
  }
  if (options.all && options.pageSize !== undefined && query.$top !== undefined) {
    throw new UsageError('with --all, --top and --page-size both set the page size: pass one of them.');
  }
  if (spec.method !== 'GET') {
    await confirmWrite(`${spec.summary} (${spec.method} ${fill(spec.path, path)})`, options);
  }
  const writerOptions = {
    columns,
    terminal: Boolean(process.stdout.isTTY),
    colors: colorsFor(process.stdout, options),
    // Some terminals (a serial console, a pty nobody sized) report 0 columns: no width then.
    width: process.stdout.isTTY && process.stdout.columns > 0 ? process.stdout.columns : undefined,
  };
  const session = await openSession(options);
  const params = {
    ...(Object.keys(path).length ? { path } : {}),
    ...(Object.keys(query).length ? { query } : {}),
    ...(body !== undefined ? { body } : {}),
  };
  if (spec.pageable && options.all) {
    const pageSize =
      options.pageSize === undefined ? (query.$top as number | undefined) : Number(options.pageSize);
    if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize > 0)) {
      throw new UsageError(`--page-size must be a whole number above 0; got ${options.pageSize}.`);
    }
    keepMemorySteady();
    const { $top: _top, ...rest } = query;
    const writer = collectionWriter(format, writerOptions);
    const progress = createProgress(spec.summary);
    const paginate = session.client.paginate as unknown as (
      name: string,
      params: unknown,
      options: unknown,
    ) => { byPage(): AsyncIterable<unknown[]> };
    const { query: _query, ...withoutQuery } = params as { query?: unknown };
    const pageParams = { ...withoutQuery, ...(Object.keys(rest).length ? { query: rest } : {}) };
    for await (const page of paginate(operationId, pageParams, { pageSize: pageSize ?? 100 }).byPage()) {
      progress.clear();
      await writer.page(page);
      progress.page(page.length);
    }
    progress.done();
    await writer.end();
    return;
  }
  const call = (session.client as unknown as Record<string, (params: unknown) => Promise<unknown>>)[
    operationId
  ];
  if (typeof call !== 'function') {
    throw new UsageError(`${operationId} is not an operation of the installed @mmd-sdk/mmd-api; update mmd.`);
  }
  const result = await call(params);
  if (spec.answer === 'text') {
    const text = String(result);
    await write(`${process.stdout.isTTY ? terminalSafe(text) : text}\n`);
    return;
  }
  if (spec.answer === 'none' || result === undefined) {
    if (process.stderr.isTTY) process.stderr.write(`${colorsFor(process.stderr, options).green('Done.')}\n`);
    return;
  }
  const items = (result as { value?: unknown }).value;
  if (Array.isArray(items)) {
    const writer = collectionWriter(format, writerOptions);
    await writer.page(items);
    await writer.end();
    return;
  }
  await writeEntity(format, result, writerOptions);
}
