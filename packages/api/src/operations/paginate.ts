import {
  checkKnownKeys,
  checkNumber,
  checkOptionsObject,
  describeOrigin,
  isUnderServiceUrl,
  MmdConfigurationError,
} from '@mmd-sdk/core';
import type { Send } from '../call/send-operation';
import { InvalidResponseError, UnsafeRequestError } from '../errors/api-errors';
import type { OperationTypes } from '../generated/mmd-operation-table.gen';
import type { BaseUrl } from '../transport/request-target';
import { type OperationName, operations, type PageableOperation } from './operation-table';
import type { MmdRequestOptions, OperationParams } from './operation-types';

type ItemOf<K extends PageableOperation> = OperationTypes[K]['result'] extends { value: Array<infer Item> }
  ? Item
  : never;

/** Options of `paginate`. */
export interface PaginateOptions extends MmdRequestOptions {
  /**
   * Items asked for per request (`$top`).
   * @default 100
   */
  pageSize?: number;
}

/** An async iterator over items, with page access and a bounded `toArray`. */
export interface Paginator<Item> extends AsyncIterable<Item> {
  /** Iterates page by page (each page an array of items). */
  byPage(): AsyncIterable<Item[]>;
  /** Collects items into an array, stopping at `limit`; the limit is required, so memory stays bounded. */
  toArray(options: { limit: number }): Promise<Item[]>;
}

export type Paginate = <K extends PageableOperation>(
  operation: K,
  params?: OperationParams<OperationTypes[K]['data']>,
  options?: PaginateOptions,
) => Paginator<ItemOf<K>>;

function readPage(operation: string, data: unknown): { items: unknown[]; nextLink: string | undefined } {
  const page = data as { value?: unknown; '@odata.nextLink'?: unknown } | undefined;
  if (!page || !Array.isArray(page.value)) {
    throw new InvalidResponseError(
      `${operation} failed: the answer has no "value" array, so it is not an OData collection.`,
      { operation },
    );
  }
  const nextLink = page['@odata.nextLink'];
  return {
    items: page.value,
    nextLink: typeof nextLink === 'string' && nextLink !== '' ? nextLink : undefined,
  };
}

/** What tells a page from another: its size and its first and last items. */
function pageFingerprint(items: readonly unknown[]): string {
  return `${items.length}:${JSON.stringify(items[0])}:${JSON.stringify(items.at(-1))}`;
}

/** Escapes that a gateway may decode into a path separator or a dot segment after the check. */
const ENCODED_PATH_SEPARATORS = /%(?:25)*(?:2f|5c|2e)/i;

/** The next page's address below the base URL, or an `UnsafeRequestError` for anywhere else. */
function nextPageUrl(operation: string, nextLink: string, base: BaseUrl): string {
  let target: URL;
  try {
    target = new URL(nextLink, `${base.text}/`);
  } catch {
    throw new InvalidResponseError(`${operation} failed: the answer's @odata.nextLink is not a URL.`, {
      operation,
    });
  }
  if (!isUnderServiceUrl(target, base.url) || ENCODED_PATH_SEPARATORS.test(target.pathname)) {
    throw new UnsafeRequestError(
      `${operation}: refusing to follow @odata.nextLink to ${target.origin === base.url.origin ? `a path of ${target.origin} outside the API base path` : describeOrigin(target)}; the bearer token only goes to ${base.text}/.`,
    );
  }
  const basePath = base.text.slice(base.url.origin.length);
  return `${target.pathname.slice(basePath.length)}${target.search}`;
}

/**
 * Builds `paginate`: steps `$skip` by `$top` from the caller's `$skip` and follows an
 * `@odata.nextLink` when the service sends one (only below the base URL). It stops on a short or
 * empty page, on a link it has seen, and as soon as the consumer stops iterating: no request is sent
 * for a page nobody asked for.
 */
export function createPaginate(context: { send: Send; baseUrl: BaseUrl }): Paginate {
  return (<K extends PageableOperation>(
    operation: K,
    params?: OperationParams<OperationTypes[K]['data']>,
    options?: PaginateOptions,
  ) => {
    if (
      typeof operation !== 'string' ||
      !(Object.hasOwn(operations, operation) && operations[operation as OperationName].pageable)
    ) {
      const pageable = Object.entries(operations).filter(([, spec]) => spec.pageable);
      throw new MmdConfigurationError(
        'operation',
        `paginate takes the name of a list operation: ${pageable.map(([name]) => `'${name}'`).join(', ')}.`,
      );
    }
    const { pageSize: rawPageSize, ...call } = checkOptionsObject(
      options,
      'options',
      'pass { pageSize, signal, timeout, headers } or nothing',
    );
    checkKnownKeys(call, ['signal', 'timeout', 'headers'], 'options');
    const pageSize = checkNumber(rawPageSize, {
      option: 'pageSize',
      fallback: 100,
      min: 1,
      max: 100_000,
      integer: true,
    });
    const base = checkOptionsObject(params, 'params', 'pass { path, query } or nothing') as {
      query?: Record<string, unknown>;
    };
    const query = checkOptionsObject(
      base.query,
      'params.query',
      'pass the query parameters, such as { $filter }',
    );
    const firstSkip = checkNumber(query.$skip, {
      option: 'params.query.$skip',
      fallback: 0,
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      integer: true,
    });

    async function* pages(): AsyncGenerator<unknown[]> {
      let skip = firstSkip;
      let nextUrl: string | undefined;
      const seen = new Set<string>();
      const fingerprints = new Set<string>();
      for (;;) {
        const data = nextUrl
          ? await context.send({ name: operation, options: call, nextLink: nextUrl })
          : await context.send({
              name: operation,
              params: { ...base, query: { ...query, $skip: skip, $top: pageSize } },
              options: call,
            });
        const { items, nextLink } = readPage(operation, data);
        // An empty page ends the listing, whatever link it carries: a link after nothing makes no
        // progress. So does a page seen before (a server that ignores $skip, or links in a circle).
        if (items.length === 0) return;
        const fingerprint = pageFingerprint(items);
        if (fingerprints.has(fingerprint)) return;
        fingerprints.add(fingerprint);
        yield items;
        if (nextLink) {
          const relative = nextPageUrl(operation, nextLink, context.baseUrl);
          if (seen.has(relative)) return;
          seen.add(relative);
          nextUrl = relative;
          continue;
        }
        if (nextUrl !== undefined || items.length < pageSize) return;
        skip += items.length;
      }
    }

    return {
      async *[Symbol.asyncIterator]() {
        for await (const page of pages()) yield* page as ItemOf<K>[];
      },
      byPage: () => pages() as AsyncIterable<ItemOf<K>[]>,
      async toArray(limits: { limit: number }) {
        const { limit } = checkOptionsObject(
          limits ?? null,
          'toArray options',
          'pass { limit }, such as { limit: 1000 }',
        );
        if (limit === undefined) {
          throw new MmdConfigurationError(
            'limit',
            'toArray needs { limit }: the most items to collect, such as { limit: 1000 }.',
          );
        }
        const max = checkNumber(limit, {
          option: 'limit',
          fallback: 0,
          min: 0,
          max: Number.MAX_SAFE_INTEGER,
          integer: true,
        });
        const items: ItemOf<K>[] = [];
        if (max === 0) return items;
        for await (const page of pages()) {
          for (const item of page as ItemOf<K>[]) {
            items.push(item);
            if (items.length >= max) return items;
          }
        }
        return items;
      },
    };
  }) as Paginate;
}
