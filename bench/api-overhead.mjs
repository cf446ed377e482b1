// 4. API overhead: `listDevices` through createMmdClient vs bare fetch with a hand-set header and the
// peers (undici's request, openapi-fetch, @azure/core-rest-pipeline, ky alone), against the same
// loopback server, alternating runs (median of 9). Goal: the SDK at most 15% slower than bare fetch.
import { CLIENT_LABELS, createApiClients, PEER_NAMES } from './lib/api-clients.mjs';
import { format, median, printTable } from './lib/measure.mjs';
import { startStaticApiServer } from './lib/static-api-server.mjs';

const CALLS = 300;
const RUNS = 9;
const WARMUP_CALLS = 300;

export async function benchApiOverhead({ names = PEER_NAMES } = {}) {
  const server = await startStaticApiServer({ total: 10 });
  try {
    const clients = await createApiClients(server, names);
    const time = async (call) => {
      const started = process.hrtime.bigint();
      for (let index = 0; index < CALLS; index++) await call();
      return Number(process.hrtime.bigint() - started) / 1000 / CALLS;
    };
    for (let index = 0; index < WARMUP_CALLS; index++)
      for (const call of Object.values(clients)) await call();
    const samples = Object.fromEntries(names.map((name) => [name, []]));
    for (let run = 0; run < RUNS; run++) {
      // Rotate which goes first, so none always runs on a warmer (or busier) machine.
      const order = [...names];
      for (let shift = 0; shift < run % order.length; shift++) order.push(order.shift());
      for (const name of order) samples[name].push(await time(clients[name]));
    }
    const medians = Object.fromEntries(names.map((name) => [name, median(samples[name])]));
    const bare = medians.bare;
    printTable(
      `4. listDevices over loopback (10 devices per answer), ${CALLS} sequential calls per run, median of ${RUNS} runs`,
      ['client', 'µs per call', 'ratio to bare fetch'],
      names.map((name) => [
        CLIENT_LABELS[name],
        format.micros(medians[name]),
        bare ? format.ratio(medians[name] / bare) : '',
      ]),
    );
    return {
      ...medians,
      // The names run-all's goal line reads.
      ky: medians.kyOnly,
      overhead: bare && medians.sdk ? medians.sdk / bare - 1 : undefined,
    };
  } finally {
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const only = process.argv.find((argument) => argument.startsWith('--clients='));
  await benchApiOverhead(only ? { names: only.slice('--clients='.length).split(',') } : {});
}
