// 2. Cold concurrency: 1,000 concurrent getToken calls on a cold cache. How many token requests does
// each library send? Goal: ours 1.
import { createTokenSources } from './lib/credentials.mjs';
import { startInProcessTenant } from './lib/in-process-tenant.mjs';
import { printTable } from './lib/measure.mjs';

const CALLERS = 1_000;

export async function benchColdConcurrency() {
  const rows = [];
  const counts = {};
  for (const index of [0, 1, 2]) {
    // A fresh tenant and fresh instances per library: every cache starts cold.
    const { tenant, close } = startInProcessTenant();
    try {
      const source = createTokenSources(tenant)[index];
      const started = performance.now();
      const results = await Promise.allSettled(Array.from({ length: CALLERS }, () => source.getToken()));
      const elapsed = performance.now() - started;
      const failed = results.filter((result) => result.status === 'rejected').length;
      counts[source.short] = tenant.model.stats.tokenRequests;
      rows.push([
        source.name,
        String(tenant.model.stats.tokenRequests),
        String(failed),
        `${elapsed.toFixed(0)} ms`,
      ]);
    } finally {
      close();
    }
  }
  printTable(
    `2. ${CALLERS.toLocaleString('en')} concurrent getToken calls on a cold cache`,
    ['library', 'token requests sent', 'failed calls', 'time for all'],
    rows,
  );
  return counts;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchColdConcurrency();
