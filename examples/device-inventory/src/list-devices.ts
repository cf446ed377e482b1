import type { MmdClient } from '@mmd-sdk/mmd-api';
import type { DeviceExport } from './device-export';
import { DeviceSummary } from './device-summary';
import { deviceTableRow } from './device-table';
import { PagingProgress } from './paging-progress';
import type { ProgressLine } from './progress-line';

/** What one pass over the devices gathered. */
export interface Listing {
  readonly summary: DeviceSummary;
  /** The device table's rows, when asked for; empty otherwise. */
  readonly rows: string[][];
  readonly elapsedMs: number;
}

/**
 * Lists every device once, page by page: each page is counted for the summaries, written to every
 * export file and, with `table`, reduced to its table row; no device is kept. The progress line is
 * current throughout and blank at the end. The files are finished only when every page is in.
 */
export async function listDevices(
  mmd: MmdClient,
  options: {
    /** `undefined`: the SDK's page size. */
    readonly pageSize: number | undefined;
    readonly table: boolean;
    readonly exports: readonly DeviceExport[];
    readonly line: ProgressLine;
    readonly signal: AbortSignal;
  },
): Promise<Listing> {
  const summary = new DeviceSummary();
  const rows: string[][] = [];
  const progress = new PagingProgress(options.line);
  try {
    const pageSize = options.pageSize === undefined ? {} : { pageSize: options.pageSize };
    const pages = mmd.paginate('listDevices', {}, { ...pageSize, signal: options.signal }).byPage();
    for await (const page of pages) {
      summary.addPage(page);
      for (const file of options.exports) await file.writePage(page);
      if (options.table) rows.push(...page.map(deviceTableRow));
      progress.addPage(page.length);
    }
    for (const file of options.exports) await file.finish();
  } finally {
    progress.stop();
  }
  return { summary, rows, elapsedMs: progress.elapsedMs };
}
