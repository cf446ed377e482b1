import { assertWriteAllowed, printTable, runExample } from '@mmd-sdk/example-shared';
import { createMmdClient } from '@mmd-sdk/mmd-api';

await runExample(async (target) => {
  assertWriteAllowed(target, 'create a support ticket');
  const mmd = createMmdClient({
    credential: target.credential,
    tenantId: target.tenantId,
    baseUrl: target.baseUrl,
  });

  const ticket = await mmd.createTicket({
    body: {
      title: 'Surface dock loses external monitors after sleep',
      description:
        'Since the last firmware update, docked Surface Laptop 5 devices lose both external monitors when waking from sleep.',
      type: 'Incident',
      category: 'Devices',
      subcategory: 'Hardware',
      severity: 3,
      usersOrDevicesImpacted: 14,
      businessImpact: 'Finance analysts lose about 10 minutes each morning.',
      issueFirstNoticed: new Date(Date.now() - 3 * 86_400_000).toISOString(),
      issueReproduced: true,
      endUserSupportEngaged: true,
      troubleshootingSteps: 'Updated dock firmware; reseated cables; reproduced on two devices.',
      contact: {
        givenName: 'Adele',
        surname: 'Vance',
        email: 'adele.vance@contoso.onmicrosoft.com',
        phoneNumber: '+1 425 555 0100',
      },
    },
  });
  console.log(
    `\nCreated ticket ${ticket.id}: "${ticket.title}" (state ${ticket.state}, severity ${ticket.severity}, next action: ${ticket.nextActionOwner})`,
  );

  await mmd.addTicketNote({
    path: { ticketId: ticket.id },
    body: { text: 'Dock firmware 24.3.1 installed on all affected devices; issue persists.' },
  });
  console.log('Added a note.');

  const notes = await mmd.listTicketNotes({ path: { ticketId: ticket.id } });
  console.log(`\nNotes on ${ticket.id} (${notes.value.length})`);
  printTable(
    ['#', 'Created', 'Sender', 'Text'],
    notes.value.map((note) => [note.id, note.createdDateTime, note.sender, note.text]),
  );

  const active = await mmd.listTickets({
    query: { $filter: "state eq 'active'", $orderby: 'createdDateTime desc', $top: 10 },
  });
  console.log(`\nActive tickets, newest first (${active.value.length} shown)`);
  printTable(
    ['Ticket', 'Created', 'Type', 'Sev', 'Title'],
    active.value.map((item) => [
      item.id,
      item.createdDateTime.slice(0, 10),
      item.type,
      item.severity,
      item.title,
    ]),
  );
});
