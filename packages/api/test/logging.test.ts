import { HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { type LogLevel, MmdConfigurationError } from '../src/index';
import {
  collection,
  createTestClient,
  createTokenEndpoint,
  recordRequests,
  TENANT_ID,
} from './support/fixtures';
import { useMswServer } from './support/msw-server';

const server = useMswServer();

function recordingLogger() {
  const lines: string[] = [];
  const at = (level: string) => (line: string) => lines.push(`${level} ${line}`);
  return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

afterEach(() => {
  delete process.env.MMD_LOG;
});

describe('logging', () => {
  it('writes one debug line per request, with method, path, status and duration, when MMD_LOG=debug', async () => {
    server.use(createTokenEndpoint().handler, recordRequests(() => collection([])).handler);
    process.env.MMD_LOG = 'debug';
    const { lines, logger } = recordingLogger();
    await createTestClient({ logLevel: undefined, logger }).listDevices();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^debug \\[mmd-api\\] listDevices: GET /support/odata/v1/tenants/${TENANT_ID}/devices → 200 in \\d+ ms \\(client-request-id [0-9a-f-]{36}\\)$`,
      ),
    );
  });

  it('writes the debug line of a request that fails too, with its status', async () => {
    server.use(
      createTokenEndpoint().handler,
      recordRequests(() =>
        HttpResponse.json({ error: { code: 'NotFound', message: 'No.' } }, { status: 404 }),
      ).handler,
    );
    const { lines, logger } = recordingLogger();
    await createTestClient({ logLevel: 'debug', logger })
      .listDevices()
      .catch(() => {});
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^debug \[mmd-api\] listDevices: GET \/support\/odata\/v1\/tenants\/.+\/devices → 404 in \d+ ms/,
    );
  });

  it('shows which page runs ($skip and $top) and names other query options without their values', async () => {
    server.use(
      createTokenEndpoint().handler,
      recordRequests((_, index) =>
        collection(index === 0 ? [{ name: 'MMD-1' }, { name: 'MMD-2' }] : [{ name: 'MMD-3' }]),
      ).handler,
    );
    const { lines, logger } = recordingLogger();
    const mmd = createTestClient({ logLevel: 'debug', logger });
    const pages = mmd.paginate(
      'listDevices',
      { query: { $searchText: 'jdoe@contoso.com' } },
      { pageSize: 2 },
    );
    for await (const _ of pages.byPage());
    expect(lines).toEqual([
      expect.stringMatching(/devices\?\$searchText=…&\$skip=0&\$top=2 → 200 in \d+ ms \(client-request-id /),
      expect.stringMatching(/devices\?\$searchText=…&\$skip=2&\$top=2 → 200 in \d+ ms \(client-request-id /),
    ]);
    expect(lines.join('\n')).not.toContain('jdoe');
  });

  it('keeps path values that may name a person out of debug lines, as placeholders, and shows the tenant', async () => {
    server.use(
      createTokenEndpoint().handler,
      recordRequests(() => HttpResponse.json({ upn: 'adele.vance@contoso.com' })).handler,
    );
    const { lines, logger } = recordingLogger();
    await createTestClient({ logLevel: 'debug', logger }).getUser({
      path: { userUpn: 'adele.vance@contoso.com' },
    });
    expect(lines).toEqual([
      expect.stringContaining(`getUser: GET /support/odata/v1/tenants/${TENANT_ID}/users/{userUpn} → 200`),
    ]);
    expect(lines.join('\n')).not.toMatch(/adele/);
  });

  it('lets logLevel win over MMD_LOG, and writes nothing when off', async () => {
    server.use(
      createTokenEndpoint().handler,
      recordRequests((_, index) =>
        index === 0
          ? HttpResponse.json({}, { status: 503, headers: { 'retry-after': '0' } })
          : collection([]),
      ).handler,
    );
    process.env.MMD_LOG = 'debug';
    const { lines, logger } = recordingLogger();
    await createTestClient({ logLevel: 'off', logger }).listDevices();
    expect(lines).toEqual([]);
  });

  it.each([
    ['warn', ['warn']],
    ['info', ['warn', 'info']],
  ] as Array<[LogLevel, string[]]>)(
    'at %s, writes retries (warn) and refreshes (info) as asked',
    async (logLevel, levels) => {
      server.use(
        createTokenEndpoint().handler,
        recordRequests((_, index) =>
          index === 0
            ? HttpResponse.json({}, { status: 503, headers: { 'retry-after': '0' } })
            : index === 1
              ? HttpResponse.json({ error: { code: '401', message: 'Expired.' } }, { status: 401 })
              : collection([]),
        ).handler,
      );
      const { lines, logger } = recordingLogger();
      await createTestClient({ logLevel, logger }).listDevices();
      expect(lines.map((line) => line.split(' ')[0])).toEqual(levels);
    },
  );

  it('rejects an unknown logLevel at creation', () => {
    expect(() => createTestClient({ logLevel: 'verbose' as LogLevel })).toThrow(MmdConfigurationError);
  });
});
