// 4. API overhead: `listDevices` through createMmdClient vs bare fetch with a hand-set header, against
// the same loopback server, alternating runs (median of 9). Goal: the SDK at most 15% slower.
import ky from 'ky';
import { format, median, printTable } from './lib/measure.mjs';
import { createStaticServerClient, startStaticApiServer } from './lib/static-api-server.mjs';

const CALLS = 1_000;
const RUNS = 9;

export async function benchApiOverhead() {
  const server = await startStaticApiServer({ total: 10 });
  try {
    const mmd = await createStaticServerClient(server);
    const url = `${server.baseUrl}/tenants/${server.tenantId}/devices`;
    const bare = async () => {
      const response = await fetch(url, {
        headers: { authorization: 'Bearer static-benchmark-token', accept: 'application/json' },
      });
      if (!response.ok) throw new Error(`bare fetch got ${response.status}`);
      return response.json();
    };
    // The HTTP layer the generated client is built on, called the way the generated client calls it
    // (a Request in, throwing on error statuses, no retries): what the SDK cannot go below.
    const kyOnly = () =>
      ky(
        new Request(url, {
          headers: { authorization: 'Bearer static-benchmark-token', accept: 'application/json' },
        }),
        { retry: 0 },
      ).json();
    const sdk = () => mmd.listDevices();
    const time = async (call) => {
      const started = process.hrtime.bigint();
      for (let index = 0; index < CALLS; index++) await call();
      return Number(process.hrtime.bigint() - started) / 1000 / CALLS;
    };
    const clients = { bare, kyOnly, sdk };
    for (let index = 0; index < 300; index++) for (const call of Object.values(clients)) await call();
    const samples = { bare: [], kyOnly: [], sdk: [] };
    for (let run = 0; run < RUNS; run++) {
      // Rotate which goes first, so none always runs on a warmer (or busier) machine.
      const order = Object.keys(clients);
      for (let shift = 0; shift < run % order.length; shift++) order.push(order.shift());
      for (const name of order) samples[name].push(await time(clients[name]));
    }
    const bareMedian = median(samples.bare);
    const kyMedian = median(samples.kyOnly);
    const sdkMedian = median(samples.sdk);
    printTable(
      `4. listDevices over loopback (10 devices per answer), ${CALLS} sequential calls per run, median of ${RUNS} runs`,
      ['client', 'µs per call', 'ratio to bare fetch'],
      [
        ['bare fetch + hand-set Authorization + response.json()', format.micros(bareMedian), '1.00×'],
        [
          'ky 1.14.3 alone (Request in, retry 0), the generated client’s HTTP layer',
          format.micros(kyMedian),
          format.ratio(kyMedian / bareMedian),
        ],
        [
          'createMmdClient(...).listDevices()',
          format.micros(sdkMedian),
          format.ratio(sdkMedian / bareMedian),
        ],
      ],
    );
    return { bare: bareMedian, ky: kyMedian, sdk: sdkMedian, overhead: sdkMedian / bareMedian - 1 };
  } finally {
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchApiOverhead();
