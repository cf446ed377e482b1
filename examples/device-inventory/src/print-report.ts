import type { DeviceExport } from './device-export';
import { printDeviceTable } from './device-table';
import { formatCount } from './format';
import type { Listing } from './list-devices';
import { printSummary } from './print-summary';

/** Prints the summaries, then the files written, then the device table (or how to get it). */
export function printReport(listing: Listing, exports: readonly DeviceExport[], table: boolean): void {
  const { summary } = listing;
  printSummary(summary, listing.elapsedMs);
  if (exports.length > 0) console.log('');
  for (const file of exports) {
    console.log(`Wrote ${formatCount(summary.devices)} devices to ${file.path} (${file.format})`);
  }
  if (table) {
    console.log('\nDevices');
    printDeviceTable(listing.rows);
  } else if (summary.devices > 0) {
    const save = exports.length === 0 ? ', or --csv <file> to save them' : '';
    console.log(`\nPass --table to list all ${formatCount(summary.devices)} devices${save}.`);
  }
}
