import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { MmdConfigurationError } from '../src/index';
import {
  BASE_URL,
  collection,
  createTestClient,
  createTokenEndpoint,
  recordRequests,
  TENANT_BASE,
} from './support/fixtures';
import { useMswServer } from './support/msw-server';

const server = useMswServer();

/** A device list of `total` devices that honours $skip and $top. */
function serveDevices(total: number) {
  const devices = Array.from({ length: total }, (_, index) => ({
    name: `MMD-${String(index).padStart(4, '0')}`,
  }));
  const api = recordRequests(({ url }) => {
    const skip = Number(url.searchParams.get('$skip') ?? 0);
    const top = Number(url.searchParams.get('$top') ?? total);
    return collection(devices.slice(skip, skip + top));
  });
  server.use(createTokenEndpoint().handler, api.handler);
  return api.seen;
}

async function names(iterable: AsyncIterable<unknown>): Promise<string[]> {
  const result: string[] = [];
  for await (const item of iterable) result.push((item as { name: string }).name);
  return result;
}

describe('paginate', () => {
  it('steps $skip by $top over several pages and stops on a short page', async () => {
    const seen = serveDevices(25);
    const all = await names(createTestClient().paginate('listDevices', {}, { pageSize: 10 }));
    expect(all).toHaveLength(25);
    expect(all[24]).toBe('MMD-0024');
    expect(seen.map(({ url }) => [url.searchParams.get('$skip'), url.searchParams.get('$top')])).toEqual([
      ['0', '10'],
      ['10', '10'],
      ['20', '10'],
    ]);
  });

  it('sends one more request when the last page is exactly full, and stops on the empty one', async () => {
    const seen = serveDevices(20);
    expect(await names(createTestClient().paginate('listDevices', {}, { pageSize: 10 }))).toHaveLength(20);
    expect(seen).toHaveLength(3);
  });

  it('stops fetching when the caller breaks early', async () => {
    const seen = serveDevices(1000);
    const taken: string[] = [];
    for await (const device of createTestClient().paginate('listDevices', {}, { pageSize: 10 })) {
      taken.push(device.name);
      if (taken.length === 15) break;
    }
    expect(taken).toHaveLength(15);
    expect(seen).toHaveLength(2);
  });

  it('keeps the caller query and starting $skip', async () => {
    const seen = serveDevices(30);
    const all = await names(
      createTestClient().paginate(
        'listDevices',
        { query: { $searchText: 'MMD', $skip: 25 } },
        { pageSize: 10 },
      ),
    );
    expect(all).toEqual(['MMD-0025', 'MMD-0026', 'MMD-0027', 'MMD-0028', 'MMD-0029']);
    expect(seen[0]?.url.searchParams.get('$searchText')).toBe('MMD');
  });

  it('returns at most limit items from toArray, with no more requests than needed', async () => {
    const seen = serveDevices(500);
    const items = await createTestClient()
      .paginate('listDevices', {}, { pageSize: 50 })
      .toArray({ limit: 120 });
    expect(items).toHaveLength(120);
    expect(seen).toHaveLength(3);
    await expect(createTestClient().paginate('listDevices').toArray({ limit: -1 })).rejects.toBeInstanceOf(
      MmdConfigurationError,
    );
  });

  it('yields pages from byPage', async () => {
    serveDevices(25);
    const sizes: number[] = [];
    for await (const page of createTestClient().paginate('listDevices', {}, { pageSize: 10 }).byPage())
      sizes.push(page.length);
    expect(sizes).toEqual([10, 10, 5]);
  });

  it('follows a same-origin @odata.nextLink, with the token, and stops when there is none', async () => {
    const api = recordRequests(({ url }) => {
      if (url.searchParams.get('$skiptoken') === 'page2') return collection([{ name: 'B' }]);
      return collection([{ name: 'A' }], { '@odata.nextLink': `${TENANT_BASE}/devices?$skiptoken=page2` });
    });
    server.use(createTokenEndpoint().handler, api.handler);
    expect(await names(createTestClient().paginate('listDevices', {}, { pageSize: 1 }))).toEqual(['A', 'B']);
    expect(api.seen[1]?.url.href).toBe(`${TENANT_BASE}/devices?$skiptoken=page2`);
    expect(api.seen[1]?.headers.get('authorization')).toBe('Bearer token-1');
  });

  it('refuses a nextLink outside the API base path, even on the same host', async () => {
    server.use(
      createTokenEndpoint().handler,
      recordRequests(() =>
        collection([{ name: 'A' }], { '@odata.nextLink': 'https://mmdls.microsoft.com/other/api' }),
      ).handler,
    );
    await expect(names(createTestClient().paginate('listDevices'))).rejects.toThrow(
      /refusing to follow @odata\.nextLink/,
    );
  });

  it('says so when an answer is not a collection', async () => {
    server.use(createTokenEndpoint().handler, recordRequests(() => HttpResponse.json({ name: 'x' })).handler);
    await expect(names(createTestClient().paginate('listTickets'))).rejects.toThrow(
      'listTickets failed: the answer has no "value" array, so it is not an OData collection.',
    );
  });

  it('pages tickets and elevation requests too', async () => {
    const api = recordRequests(() => collection([{ name: 'x' }]));
    server.use(createTokenEndpoint().handler, api.handler);
    await names(
      createTestClient().paginate(
        'listTickets',
        { query: { $orderby: 'createdDateTime desc' } },
        { pageSize: 5 },
      ),
    );
    await names(createTestClient().paginate('listElevationRequests', {}, { pageSize: 5 }));
    expect(
      api.seen.map(({ url }) =>
        url.pathname.replace(BASE_URL.replace('https://mmdls.microsoft.com', ''), ''),
      ),
    ).toEqual(['/tickets', expect.stringMatching(/\/elevationRequests$/)]);
  });
});
