const COUNT = new Intl.NumberFormat('en-US');

/** A whole number with thousands separators: `2,000`. */
export function formatCount(count: number): string {
  return COUNT.format(count);
}

/** `count` as a whole percentage of `total` (0% of nothing). */
export function formatShare(count: number, total: number): string {
  return `${total === 0 ? 0 : Math.round((count / total) * 100)}%`;
}

/** Milliseconds as seconds with one decimal: `16.6 s`. */
export function formatSeconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(1)} s`;
}
