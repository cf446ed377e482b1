// 1. Warm token cost: getToken on a warm cache, ours vs MSAL Node vs @azure/identity, all against the
// same in-process mock tenant. Median of 7 runs after a warm-up. Goal: ours ≥ 50× faster than both.
import { createTokenSources } from './lib/credentials.mjs';
import { startInProcessTenant } from './lib/in-process-tenant.mjs';
import { format, microsPerOperation, printTable } from './lib/measure.mjs';

export async function benchWarmToken() {
  const { tenant, close } = startInProcessTenant();
  try {
    const results = [];
    for (const source of createTokenSources(tenant)) {
      await source.getToken(); // fill the cache
      const iterations = source.short === 'mmd-auth' ? 50_000 : 2_000;
      const { median } = await microsPerOperation(
        async (count) => {
          for (let index = 0; index < count; index++) await source.getToken();
        },
        { iterations },
      );
      results.push({ source, median });
    }
    const ours = results[0].median;
    printTable(
      '1. Warm getToken (cached token), median µs per call',
      ['library', 'µs per call', 'ratio to mmd-auth'],
      results.map(({ source, median }) => [source.name, format.micros(median), format.ratio(median / ours)]),
    );
    return {
      ours,
      anchors: Object.fromEntries(results.slice(1).map(({ source, median }) => [source.short, median])),
    };
  } finally {
    close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchWarmToken();
