// 6. Token storm: 10,000 API calls in 20 waves of 500 over about 8 s, spanning the expiry of 305-second
// tokens (refresh due 5 s after issue: 5 minutes before expiry, the default of both libraries), through
// createMmdClient against the in-process mock tenant. How many token requests does each credential send?
// Goal: one per expiry for ours.
import { createMmdClient } from '@mmd-sdk/mmd-api';
import { createTokenSources } from './lib/credentials.mjs';
import { startInProcessTenant } from './lib/in-process-tenant.mjs';
import { printTable } from './lib/measure.mjs';

const WAVES = 20;
const PER_WAVE = 500;
const WAVE_GAP_MS = 400;
const LIFETIME_S = 305;

export async function benchTokenStorm() {
  const rows = [];
  const figures = {};
  for (const index of [0, 2]) {
    const { tenant, close } = startInProcessTenant({ tokenLifetimeSeconds: LIFETIME_S });
    try {
      const source = createTokenSources(tenant)[index];
      const mmd = createMmdClient({
        credential: source.credential,
        tenantId: tenant.tenantId,
        logLevel: 'off',
        maxRetries: 0,
      });
      const started = Date.now();
      let failed = 0;
      for (let wave = 0; wave < WAVES; wave++) {
        const results = await Promise.allSettled(Array.from({ length: PER_WAVE }, () => mmd.listProfiles()));
        failed += results.filter((result) => result.status === 'rejected').length;
        const next = started + (wave + 1) * WAVE_GAP_MS;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
      }
      const seconds = (Date.now() - started) / 1000;
      const refreshPeriods = 1 + Math.floor(seconds / (LIFETIME_S - 300));
      figures[source.short] = { requests: tenant.model.stats.tokenRequests, expected: refreshPeriods };
      rows.push([
        source.name.replace(/\.getToken$/, ''),
        (WAVES * PER_WAVE).toLocaleString('en'),
        String(failed),
        `${seconds.toFixed(1)} s`,
        String(refreshPeriods),
        String(tenant.model.stats.tokenRequests),
      ]);
    } finally {
      close();
    }
  }
  printTable(
    `6. Token storm: ${(WAVES * PER_WAVE).toLocaleString('en')} listProfiles calls through createMmdClient, tokens living ${LIFETIME_S} s (refresh due after 5 s)`,
    [
      'credential',
      'API calls',
      'failed',
      'span',
      'refresh windows spanned (expected requests)',
      'token requests sent',
    ],
    rows,
  );
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchTokenStorm();
