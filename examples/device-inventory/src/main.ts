import { countBy, printTable, runExample } from '@mmd-sdk/example-shared';
import { createMmdClient, type Device } from '@mmd-sdk/mmd-api';

await runExample(async ({ credential, tenantId, baseUrl }) => {
  const mmd = createMmdClient({ credential, tenantId, baseUrl });
  const devices: Device[] = [];
  let pages = 0;
  for await (const page of mmd.paginate('listDevices', {}, { pageSize: 20 }).byPage()) {
    pages++;
    devices.push(...page);
  }
  console.log(`\n${devices.length} devices in ${pages} page(s) of up to 20\n`);

  printTable(
    ['Name', 'Model', 'User', 'Ring', 'Compliance', 'Persona', 'OS'],
    devices.map((device) => [
      device.name || '(not enrolled)',
      device.model,
      device.userUpn ?? '—',
      device.primaryUpdateRing,
      device.complianceState,
      device.persona,
      device.osVersion ?? '—',
    ]),
  );

  const share = (count: number) => `${((count / Math.max(devices.length, 1)) * 100).toFixed(0)}%`;
  console.log('\nCompliance');
  printTable(
    ['State', 'Devices', 'Share'],
    countBy(devices, (device) => device.complianceState).map(([state, count]) => [
      state,
      count,
      share(count),
    ]),
  );
  console.log('\nUpdate rings');
  const rings = ['Test', 'First', 'Fast', 'Broad'];
  printTable(
    ['Ring', 'Devices', 'Share', 'Non-compliant'],
    rings.map((ring) => {
      const inRing = devices.filter((device) => device.primaryUpdateRing === ring);
      return [
        ring,
        inRing.length,
        share(inRing.length),
        inRing.filter((device) => device.complianceState === 'NonCompliant').length,
      ];
    }),
  );
  console.log('\nProfiles');
  printTable(
    ['Persona', 'Devices'],
    countBy(devices, (device) => device.persona),
  );
});
