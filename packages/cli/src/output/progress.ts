/**
 * `Listing: 12 pages, 1,200 items, 800 items/s` on stderr, rewritten in place with `\r`; nothing at all
 * unless stderr is a terminal. When stdout is the same terminal, the line is blanked before each page
 * is written, so it never lands in the middle of the output.
 */
export interface Progress {
  /** Blanks the line (when stdout is a terminal too) before output is written. */
  clear(): void;
  /** Counts a page and shows the line. */
  page(items: number): void;
  /** Ends the line: blanked on a shared terminal, kept (with a newline) when stdout goes elsewhere. */
  done(): void;
}

const SILENT: Progress = { clear() {}, page() {}, done() {} };
const count = (value: number) => value.toLocaleString('en-US');

export function createProgress(label: string, enabled = Boolean(process.stderr.isTTY)): Progress {
  if (!enabled) return SILENT;
  const shared = Boolean(process.stdout.isTTY);
  const started = Date.now();
  let pages = 0;
  let items = 0;
  let shown = 0;
  const blank = () => {
    if (shown === 0) return;
    process.stderr.write(`\r${' '.repeat(shown)}\r`);
    shown = 0;
  };
  return {
    clear() {
      if (shared) blank();
    },
    page(size) {
      pages++;
      items += size;
      const seconds = (Date.now() - started) / 1000;
      const rate = seconds > 0 ? Math.round(items / seconds) : items;
      const text = `${label}: ${count(pages)} ${pages === 1 ? 'page' : 'pages'}, ${count(items)} items, ${count(rate)} items/s`;
      const fitted = process.stderr.columns ? text.slice(0, process.stderr.columns - 1) : text;
      process.stderr.write(`\r${fitted}${' '.repeat(Math.max(shown - fitted.length, 0))}`);
      shown = fitted.length;
    },
    done() {
      if (shared) blank();
      else if (shown > 0) process.stderr.write('\n');
    },
  };
}
