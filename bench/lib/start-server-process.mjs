// Starts the static API server (`static-api-server-process.mjs`) in another process, so that the
// measuring process holds only the client, and its CPU time is only the client's.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('./static-api-server-process.mjs', import.meta.url));

/**
 * Resolves with the server's `origin`, `baseUrl`, `tenantId`, `tokenRequests()` (token requests
 * answered so far, counted in the server's process) and `stop()` once it listens.
 */
export function startServerProcess(total = 10) {
  // No execArgv: a parent run under --cpu-prof must not profile the server too.
  const child = fork(entry, [String(total)], { execArgv: [], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', (chunk) =>
      resolve({
        ...JSON.parse(String(chunk)),
        tokenRequests: () =>
          new Promise((answered) => {
            child.once('message', (message) => answered(message.tokenRequests));
            child.send('token-requests');
          }),
        stop: () =>
          new Promise((stopped) => {
            child.once('exit', stopped);
            child.send('stop');
          }),
      }),
    );
  });
}
