// Compile-time checks of the public surface, run by `pnpm typecheck` (tsc): an `@ts-expect-error`
// that stops erroring, or an assignment that stops compiling, fails the build.

import type { PageableOperation } from '../src/index';
import {
  type Device,
  type ElevationRequest,
  MmdApiError,
  type MmdClient,
  NotFoundError,
  type Ticket,
  type User,
} from '../src/index';

declare const mmd: MmdClient;

export async function publicTypes(): Promise<void> {
  // Parameters: tenantId comes from the client, so list calls take no arguments at all…
  const devices: Device[] = (await mmd.listDevices()).value;
  await mmd.listDevices({ query: { $top: 10, $skip: 0, $searchText: 'MMD' } });
  // …but a key the path needs is required.
  // @ts-expect-error deviceName is required
  await mmd.getDevice({ path: {} });
  // @ts-expect-error getDevice needs its path
  await mmd.getDevice();
  // @ts-expect-error $orderby is documented for tickets only
  await mmd.listDevices({ query: { $orderby: 'name' } });
  // @ts-expect-error persona is a closed enum
  await mmd.reassignDeviceProfile({ query: { persona: 'Gamer', wipe: false }, body: [] });

  // Results: entities, collections, plain text and nothing.
  const user: User = await mmd.getUser({ path: { userUpn: 'a@contoso.com' } });
  const ticket: Ticket = await mmd.getTicket({ path: { ticketId: 'MMD-1' } });
  const message: string = await mmd.reassignDeviceProfile({
    query: { persona: 'Standard', wipe: false },
    body: ['x'],
  });
  const nothing: undefined = await mmd.addTicketNote({ path: { ticketId: 'MMD-1' }, body: { text: 'note' } });
  const opened: ElevationRequest = await mmd.createElevationRequest({
    body: {
      partnerTicketId: 'INC1',
      deviceName: 'MMD-1',
      title: 't',
      category: 'Office',
      subcategory: 'Excel',
      planOfAction: 'p',
    },
  });

  // paginate yields the item type of the operation and only accepts pageable operations.
  for await (const item of mmd.paginate('listTickets')) {
    const id: string = item.id;
    void id;
  }
  // @ts-expect-error getDevice does not page
  mmd.paginate('getDevice');

  // Errors narrow by class.
  const error: unknown = undefined;
  if (error instanceof NotFoundError) {
    const status: number | undefined = error.status;
    const operation: string = error.operation;
    void [status, operation];
  }
  const base: MmdApiError | undefined = error instanceof MmdApiError ? error : undefined;
  void [devices, user, ticket, message, nothing, opened, base];
}

// The table generated from the document decides which operations page: the four list operations
// that declare both $skip and $top.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const pageableFromTheDocument: Same<
  PageableOperation,
  'listDevices' | 'listUsers' | 'listTickets' | 'listElevationRequests'
> = true;
