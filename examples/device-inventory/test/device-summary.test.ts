import type { Device } from '@mmd-sdk/mmd-api';
import { describe, expect, it } from 'vitest';
import { DEVICE_COLUMNS, deviceValues } from '../src/device-columns';
import { byCount, DeviceSummary } from '../src/device-summary';

function device(overrides: Partial<Device>): Device {
  return {
    name: 'MMD-1',
    intuneId: 'i',
    manufacturer: 'Microsoft Corporation',
    model: 'Surface Pro 9',
    serialNumber: 's',
    globalDeviceId: 'g:1',
    enrolledIntoIntuneDateTimeUtc: null,
    tenantId: 't',
    tenantName: null,
    assignedUser: 'Adele Vance',
    userUpn: 'adele@contoso.com',
    userEmail: 'adele@contoso.com',
    complianceState: 'Compliant',
    osVersion: '10.0.22631.4317',
    primaryUpdateRing: 'Broad',
    lastIntuneSyncDateTimeUtc: null,
    ageInMonths: 3,
    planType: 'Premium',
    persona: 'Standard',
    aadDeviceId: 'a',
    managementAgent: 'Intune',
    operatingSystemEdition: 'Enterprise',
    profileAssignmentStatus: 'Successful',
    groups: [],
    configurations: [],
    ...overrides,
  };
}

describe('DeviceSummary', () => {
  it('counts across pages without keeping the devices', () => {
    const summary = new DeviceSummary();
    summary.addPage([device({}), device({ complianceState: 'NonCompliant', primaryUpdateRing: 'Fast' })]);
    summary.addPage([device({ name: '', userUpn: null, complianceState: 'Unknown', persona: 'Kiosk' })]);
    expect(summary).toMatchObject({ pages: 2, devices: 3, enrolled: 2, withUser: 2 });
    expect(byCount(summary.compliance)).toEqual([
      ['Compliant', 1],
      ['NonCompliant', 1],
      ['Unknown', 1],
    ]);
    expect(byCount(summary.personas)).toEqual([
      ['Standard', 2],
      ['Kiosk', 1],
    ]);
    expect(summary.rings()).toEqual([
      ['Test', { devices: 0, nonCompliant: 0 }],
      ['First', { devices: 0, nonCompliant: 0 }],
      ['Fast', { devices: 1, nonCompliant: 1 }],
      ['Broad', { devices: 2, nonCompliant: 0 }],
    ]);
  });
});

describe('deviceValues', () => {
  it('gives one value per CSV column, in order, nulls kept for empty fields', () => {
    const values = deviceValues(device({ tenantName: null, ageInMonths: 7 }));
    expect(values).toHaveLength(DEVICE_COLUMNS.length);
    expect(values[DEVICE_COLUMNS.indexOf('tenantName')]).toBeNull();
    expect(values[DEVICE_COLUMNS.indexOf('ageInMonths')]).toBe(7);
    expect(DEVICE_COLUMNS).not.toContain('groups');
  });
});
