import type { Device } from '@mmd-sdk/mmd-api';
import { csvRecord } from './csv';
import { DEVICE_COLUMNS, deviceValues } from './device-columns';
import { JsonArrayEncoder } from './json-array';
import { openOutputFile } from './output-file';

/** A file that receives every device, page by page, keeping none in memory. */
export interface DeviceExport {
  /** `CSV` or `JSON`. */
  readonly format: string;
  readonly path: string;
  writePage(devices: readonly Device[]): Promise<void>;
  /** Completes the file and puts it in place. */
  finish(): Promise<void>;
  /** Drops what was written: the listing failed, so the file would be incomplete. */
  discard(): Promise<void>;
}

/** A CSV file with a header row and one record per device. */
export async function openCsvExport(path: string, force: boolean): Promise<DeviceExport> {
  const file = await openOutputFile('--csv', path, force);
  try {
    await file.write(csvRecord(DEVICE_COLUMNS));
  } catch (error) {
    await file.discard();
    throw error;
  }
  return {
    format: 'CSV',
    path,
    writePage: (devices) => file.write(devices.map((device) => csvRecord(deviceValues(device))).join('')),
    finish: () => file.commit(),
    discard: () => file.discard(),
  };
}

/** A JSON file holding one array of every device as the API returns it, one device per line. */
export async function openJsonExport(path: string, force: boolean): Promise<DeviceExport> {
  const file = await openOutputFile('--json', path, force);
  const encoder = new JsonArrayEncoder();
  return {
    format: 'JSON',
    path,
    writePage: (devices) => file.write(encoder.page(devices)),
    async finish() {
      await file.write(encoder.end());
      await file.commit();
    },
    discard: () => file.discard(),
  };
}

/** Opens the files the options ask for; if one cannot be opened, deletes those already created. */
export async function openDeviceExports(options: {
  readonly csv: string | undefined;
  readonly json: string | undefined;
  readonly force: boolean;
}): Promise<DeviceExport[]> {
  const opened: DeviceExport[] = [];
  try {
    if (options.csv !== undefined) opened.push(await openCsvExport(options.csv, options.force));
    if (options.json !== undefined) opened.push(await openJsonExport(options.json, options.force));
  } catch (error) {
    await Promise.all(opened.map((file) => file.discard()));
    throw error;
  }
  return opened;
}
