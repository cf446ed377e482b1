// Runs the static API server in its own process, so that the measuring process holds only the client.
import { startStaticApiServer } from './static-api-server.mjs';

const server = await startStaticApiServer({ total: Number(process.argv[2] ?? 10) });
process.stdout.write(
  `${JSON.stringify({ origin: server.origin, baseUrl: server.baseUrl, tenantId: server.tenantId })}\n`,
);
process.on('message', async (message) => {
  // `token-requests`: how many token requests the server has answered so far (the fleet table counts them here).
  if (message === 'token-requests') {
    process.send({ tokenRequests: server.tokenRequests() });
    return;
  }
  await server.close();
  process.exit(0);
});
// A parent that dies without saying stop (a failed benchmark) leaves no server behind.
process.on('disconnect', () => process.exit(0));
