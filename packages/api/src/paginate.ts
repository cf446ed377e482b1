import { MmdApiError, MmdConfigurationError, UnsafeRequestError } from './errors';
import type { MmdRequestOptions, OperationParams, OperationTypes } from './operation-types';
import type { OperationName } from './operations';
import { isUnderBaseUrl } from './request-target';

/** The list operations that page with `$skip` and `$top`. */
export type PageableOperation = 'listDevices' | 'listUsers' | 'listTickets' | 'listElevationRequests';

type ItemOf<K extends PageableOperation> = OperationTypes[K][1] extends { value: Array<infer Item> }
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
  params?: OperationParams<OperationTypes[K][0]>,
  options?: PaginateOptions,
) => Paginator<ItemOf<K>>;

type Send = (
  name: OperationName,
  params?: object,
  call?: MmdRequestOptions,
  url?: string,
) => Promise<unknown>;

function readPage(operation: string, data: unknown): { items: unknown[]; nextLink: string | undefined } {
  const page = data as { value?: unknown; '@odata.nextLink'?: unknown } | undefined;
  if (!page || !Array.isArray(page.value)) {
    throw new MmdApiError(
      `${operation} failed: the answer has no "value" array, so it is not an OData collection.`,
      {
        operation,
        body: data,
      },
    );
  }
  const nextLink = page['@odata.nextLink'];
  return {
    items: page.value,
    nextLink: typeof nextLink === 'string' && nextLink !== '' ? nextLink : undefined,
  };
}

/**
 * Builds `paginate`: steps `$skip` by `$top` from the caller's `$skip`, stops on a short or empty
 * page, and follows an `@odata.nextLink` when the service sends one, but only below the client's
 * base URL (the bearer token goes nowhere else).
 */
export function createPaginate(context: { send: Send; baseUrl: URL }): Paginate {
  return (<K extends PageableOperation>(
    operation: K,
    params?: OperationParams<OperationTypes[K][0]>,
    options: PaginateOptions = {},
  ) => {
    const { pageSize = 100, ...call } = options;
    if (!Number.isInteger(pageSize) || pageSize < 1) {
      throw new MmdConfigurationError('paginate: pageSize must be a whole number of at least 1.');
    }
    const base = (params ?? {}) as { query?: Record<string, unknown> };
    const firstSkip = Number(base.query?.$skip ?? 0);

    async function* pages(): AsyncGenerator<unknown[]> {
      let skip = firstSkip;
      let nextUrl: string | undefined;
      const seen = new Set<string>();
      for (;;) {
        const data = nextUrl
          ? await context.send(operation, {}, call, nextUrl)
          : await context.send(
              operation,
              { ...base, query: { ...base.query, $skip: skip, $top: pageSize } },
              call,
            );
        const { items, nextLink } = readPage(operation, data);
        if (items.length > 0) yield items;
        if (nextLink) {
          const target = new URL(nextLink, `${context.baseUrl.href}/`);
          if (!isUnderBaseUrl(target, context.baseUrl)) {
            throw new UnsafeRequestError(
              `${operation}: refusing to follow @odata.nextLink to ${target.origin}; the bearer token only goes to ${context.baseUrl.origin}${context.baseUrl.pathname}.`,
            );
          }
          const relative = `${target.pathname.slice(context.baseUrl.pathname.length)}${target.search}`;
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
      async toArray({ limit }: { limit: number }) {
        if (!Number.isInteger(limit) || limit < 0) {
          throw new MmdConfigurationError('paginate().toArray: limit must be a whole number of at least 0.');
        }
        const items: ItemOf<K>[] = [];
        if (limit === 0) return items;
        for await (const page of pages()) {
          for (const item of page as ItemOf<K>[]) {
            items.push(item);
            if (items.length >= limit) return items;
          }
        }
        return items;
      },
    };
  }) as Paginate;
}
