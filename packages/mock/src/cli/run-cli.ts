import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MockServer, startMockServer } from '../transport/start-mock-server';
import { CliUsageError, parseCliArguments, USAGE } from './parse-cli-arguments';
import { startupBanner } from './startup-banner';

/** Where the CLI writes what it has to say. */
interface CliOutput {
  log(text: string): void;
}

/** A mock server the CLI started. */
export interface RunningCli {
  readonly server: MockServer;
  /** The file holding the certificate to trust (https only). */
  readonly certificateFile: string | undefined;
  /** Stops the server and removes the certificate file the CLI chose itself (never `--tls-cert-out`). */
  stop(): Promise<void>;
}

/**
 * Writes the certificate to trust to `requested`, or to a file in a new private temporary folder (a
 * fixed name in the shared temporary folder could be a link someone else planted). Returns the path
 * and what removes what was made.
 */
async function writeCertificate(
  caPem: string,
  requested: string | undefined,
): Promise<{ path: string; remove: () => Promise<void> }> {
  if (requested !== undefined) {
    try {
      await writeFile(requested, caPem);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'an error';
      throw new CliUsageError(
        `--tls-cert-out: cannot write ${requested} (${code}); name a file in a folder that exists.`,
      );
    }
    return { path: requested, remove: async () => {} };
  }
  const folder = await mkdtemp(join(tmpdir(), 'mmd-mock-'));
  const path = join(folder, 'ca.pem');
  await writeFile(path, caPem);
  return { path, remove: () => rm(folder, { recursive: true, force: true }) };
}

/**
 * Runs `mmd-mock` with `args` (the command line after the program name): prints the usage for
 * `--help` and returns `undefined`, or starts the server, writes the certificate to trust (with
 * `--tls`), prints where everything is, and returns the running server.
 * @throws CliUsageError or MockConfigurationError for a command line that cannot run.
 */
export async function startCli(args: readonly string[], output: CliOutput): Promise<RunningCli | undefined> {
  const command = parseCliArguments(args);
  if (command.kind === 'help') {
    output.log(USAGE);
    return undefined;
  }
  const server = await startMockServer(command.server);
  let certificate: { path: string; remove: () => Promise<void> } | undefined;
  try {
    certificate = server.tls && (await writeCertificate(server.tls.caPem, command.certificateOut));
  } catch (error) {
    await server.close();
    throw error;
  }
  output.log(startupBanner(server, certificate?.path));
  return {
    server,
    certificateFile: certificate?.path,
    stop: async () => {
      await server.close();
      await certificate?.remove();
    },
  };
}
