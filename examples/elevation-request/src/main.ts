import { assertWriteAllowed, runExample } from '@mmd-sdk/example-shared';
import { createMmdClient, NotFoundError } from '@mmd-sdk/mmd-api';

function mask(secret: string): string {
  return `${'•'.repeat(Math.min(secret.length, 12))} (${secret.length} characters, masked)`;
}

await runExample(async (target) => {
  assertWriteAllowed(target, 'open an elevation request (a local administrator password)');
  const mmd = createMmdClient({
    credential: target.credential,
    tenantId: target.tenantId,
    baseUrl: target.baseUrl,
  });

  const wanted = process.argv.slice(2).find((argument) => !argument.startsWith('--'));
  let deviceName = wanted;
  if (!deviceName) {
    // Pick the first enrolled device without an open request.
    for await (const device of mmd.paginate('listDevices', {}, { pageSize: 50 })) {
      if (!device.name) continue;
      const open = await mmd
        .getElevationDetails({ path: { deviceName: device.name } })
        .catch((error: unknown) => {
          if (error instanceof NotFoundError) return undefined;
          throw error;
        });
      if (!open) {
        deviceName = device.name;
        break;
      }
    }
  }
  if (!deviceName)
    throw new Error('no enrolled device without an open elevation request was found; pass a device name');

  const request = await mmd.createElevationRequest({
    body: {
      partnerTicketId: 'INC0042137',
      deviceName,
      title: 'Install the accounting add-in for Excel',
      category: 'Office',
      subcategory: 'Excel',
      planOfAction: 'Run the vendor installer as administrator, then verify the add-in loads.',
    },
  });
  console.log(
    `\nOpened elevation request ${request.id} on ${request.deviceName} (linked to ${request.partnerTicketId})`,
  );

  const details = await mmd.getElevationDetails({ path: { deviceName } });
  console.log('\nElevation details');
  console.log(`  request     ${details.openedElevationRequestId}`);
  console.log(`  account     ${details.accountUpn}`);
  console.log(`  password    ${mask(details.password)}`);
  console.log(`  status      ${details.status}, last rotated ${details.passwordLastUpdated}`);
  console.log(`  viewed by   ${details.viewedBy.join(', ')}`);

  await mmd.closeElevationRequest({
    path: { elevationRequestId: request.id },
    body: { actionsTaken: 'Installed the add-in; verified it loads in Excel.' },
  });
  console.log(`\nClosed elevation request ${request.id}.`);

  const again = await mmd
    .closeElevationRequest({ path: { elevationRequestId: request.id }, body: { actionsTaken: 'again' } })
    .catch((error: unknown) => error);
  console.log(`Closing it twice is refused, as documented: ${(again as Error).message}`);
});
