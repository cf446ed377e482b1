import type { Device } from '@mmd-sdk/mmd-api';
import type { CsvValue } from './csv';

/** A device's fields that hold one value: all but `groups` and `configurations`, empty in lists. */
type ScalarField = Exclude<keyof Device, 'groups' | 'configurations'>;

/** The CSV columns, in the order of the API's device schema. */
export const DEVICE_COLUMNS = [
  'name',
  'intuneId',
  'manufacturer',
  'model',
  'serialNumber',
  'globalDeviceId',
  'enrolledIntoIntuneDateTimeUtc',
  'tenantId',
  'tenantName',
  'assignedUser',
  'userUpn',
  'userEmail',
  'complianceState',
  'osVersion',
  'primaryUpdateRing',
  'lastIntuneSyncDateTimeUtc',
  'ageInMonths',
  'planType',
  'persona',
  'aadDeviceId',
  'managementAgent',
  'operatingSystemEdition',
  'profileAssignmentStatus',
] as const satisfies readonly ScalarField[];

// Fails to compile when the schema gains a field that is not a column above.
type MissingColumn = Exclude<ScalarField, (typeof DEVICE_COLUMNS)[number]>;
const everyFieldIsAColumn: [MissingColumn] extends [never] ? true : MissingColumn = true;
void everyFieldIsAColumn;

/** A device's values in the order of `DEVICE_COLUMNS`. */
export function deviceValues(device: Device): CsvValue[] {
  return DEVICE_COLUMNS.map((column) => device[column]);
}
