import { runExample } from '@mmd-sdk/example-shared';
import { createMmdClient } from '@mmd-sdk/mmd-api';
import type { InventoryOptions } from './arguments';
import { type DeviceExport, openDeviceExports } from './device-export';
import { type Listing, listDevices } from './list-devices';
import { OutputFileError } from './output-file';
import { printReport } from './print-report';
import { createProgressLine } from './progress-line';
import { progressLogger } from './progress-logger';

/**
 * The whole run: opens the export files, lists the devices against the example's target, prints the
 * report. A file that exists or cannot be created stops it first, with exit code 2; Ctrl+C during
 * the listing stops it with exit code 130; either way no partial file is left.
 */
export async function runInventory(options: InventoryOptions): Promise<void> {
  // Before anything else, so a file that exists stops the run before a request is sent.
  let exports: DeviceExport[];
  try {
    exports = await openDeviceExports(options);
  } catch (error) {
    if (!(error instanceof OutputFileError)) throw error;
    console.error(`device-inventory: ${error.message}`);
    process.exitCode = 2;
    return;
  }
  // Ctrl+C cancels the listing, so the progress line is blanked and the unfinished files removed.
  const interrupted = new AbortController();
  const onInterrupt = () => interrupted.abort();
  process.once('SIGINT', onInterrupt);
  // The SDK's log lines (MMD_LOG=debug, retries), the credential's included, print above the line.
  const line = createProgressLine(process.stderr);
  const logger = progressLogger(line);
  try {
    await runExample(
      async ({ credential, tenantId, baseUrl }) => {
        const mmd = createMmdClient({ credential, tenantId, baseUrl, logger });
        let listing: Listing;
        try {
          listing = await listDevices(mmd, { ...options, exports, line, signal: interrupted.signal });
        } finally {
          // Once listed, Ctrl+C ends the process as usual.
          process.removeListener('SIGINT', onInterrupt);
        }
        printReport(listing, exports, options.table);
      },
      { logger },
    );
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    if (interrupted.signal.aborted) process.exitCode = 130;
    // A finished file is in place already; any other holds an incomplete listing, and goes.
    await Promise.all(exports.map((file) => file.discard()));
  }
}
