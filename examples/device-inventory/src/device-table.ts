import { printTable } from '@mmd-sdk/example-shared';
import type { Device } from '@mmd-sdk/mmd-api';

const COLUMNS = ['Name', 'Model', 'User', 'Ring', 'Compliance', 'Persona', 'OS'];

/** A device's row of the device table: only the strings shown, not the whole device. */
export function deviceTableRow(device: Device): string[] {
  return [
    device.name || '(not enrolled)',
    device.model,
    device.userUpn ?? '—',
    device.primaryUpdateRing,
    device.complianceState,
    device.persona,
    device.osVersion ?? '—',
  ];
}

/** Prints the device table. */
export function printDeviceTable(rows: ReadonlyArray<readonly string[]>): void {
  printTable(COLUMNS, rows);
}
