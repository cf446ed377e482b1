import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MockTenantModel } from '../model/mock-tenant-model';
import { answerServerRequest } from './answer-request';
import { ClientGoneError, readNodeRequest, type ServerIdentity } from './node-request';
import { writeInternalError, writeResponse } from './node-response';

/**
 * The `request` listener of the local server: reads the Node request, answers it from the model and
 * writes the answer (`identityHeader` is the App Service secret the managed identity endpoint checks). A client that went away is dropped; anything else that fails is a bug of the
 * mock, told to `onError` and answered with a generic 500.
 */
export function createRequestListener(
  model: MockTenantModel,
  identity: ServerIdentity,
  onError: (error: unknown) => void,
  identityHeader: string,
): (incoming: IncomingMessage, outgoing: ServerResponse) => void {
  const handle = async (incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> => {
    try {
      const request = await readNodeRequest(incoming, identity);
      const response =
        request instanceof Response ? request : await answerServerRequest(request, model, identityHeader);
      await writeResponse(response, outgoing);
    } catch (error) {
      if (error instanceof ClientGoneError) {
        outgoing.destroy();
        return;
      }
      try {
        onError(error);
      } catch {
        // A failing reporter must not take the answer down with it.
      }
      writeInternalError(outgoing);
    }
  };
  return (incoming, outgoing) => {
    handle(incoming, outgoing).catch(() => outgoing.destroy());
  };
}
