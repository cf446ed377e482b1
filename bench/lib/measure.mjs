// Small helpers the benchmarks share: medians over runs, and markdown tables.

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Runs `body` (which does `iterations` operations) `runs` times after `warmup`; returns the median µs per operation. */
export async function microsPerOperation(body, { iterations, runs = 7, warmup = 1 }) {
  for (let index = 0; index < warmup; index++) await body(Math.min(iterations, 200));
  const samples = [];
  for (let index = 0; index < runs; index++) {
    const started = process.hrtime.bigint();
    await body(iterations);
    samples.push(Number(process.hrtime.bigint() - started) / 1000 / iterations);
  }
  return { median: median(samples), samples };
}

/** Prints a markdown table. */
export function printTable(title, columns, rows) {
  console.log(`\n### ${title}\n`);
  console.log(`| ${columns.join(' | ')} |`);
  console.log(`|${columns.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

export const format = {
  micros: (value) => (value < 10 ? `${value.toFixed(2)} µs` : `${value.toFixed(1)} µs`),
  millis: (value) => `${value.toFixed(1)} ms`,
  bytes: (value) =>
    value >= 1_048_576 ? `${(value / 1_048_576).toFixed(1)} MB` : `${(value / 1024).toFixed(0)} kB`,
  ratio: (value) => `${value >= 10 ? value.toFixed(0) : value.toFixed(2)}×`,
};
