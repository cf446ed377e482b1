import { isLoopbackHost } from '@mmd-sdk/core';
import type { Command } from 'commander';
import { cacheDirectory } from '../config';
import { UsageError } from '../errors';
import { mockSigningKey } from '../sign-in/mock-signing-key';

interface MockOptions {
  port: string;
  host: string;
  seed: string;
  devices?: string;
  tokenLifetime?: string;
}

function whole(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number))
    throw new UsageError(`${flag} must be a whole number.`);
  return number;
}

/** The mock's option names in its messages, and the flags that set them. */
const FLAGS: Record<string, string> = {
  tokenLifetimeSeconds: '--token-lifetime',
  deviceCount: '--devices',
  seed: '--seed',
  port: '--port',
};

export function addMockCommand(program: Command): void {
  program
    .command('mock')
    .description(
      'Start the mock tenant (@mmd-sdk/mmd-mock) on a loopback port, and print how to point mmd at it',
    )
    .option('--port <port>', 'the port (0: a free one)', '4010')
    .option(
      '--host <host>',
      'the loopback address: 127.0.0.1 (or another 127.x.y.z), ::1 or localhost',
      '127.0.0.1',
    )
    .option('--seed <n>', 'the seed of the generated data', '1')
    .option('--devices <n>', 'how many devices, up to 100000 (default about 50)')
    .option('--token-lifetime <s>', 'seconds a token is valid')
    .addHelpText(
      'after',
      `
Examples:
  $ mmd mock --port 4010 --devices 500
  $ mmd mock --port 0 --token-lifetime 120    # a free port; tokens that expire in two minutes
`,
    )
    .action(async (_options: unknown, command: Command) => {
      const options = command.opts<MockOptions>();
      if (!isLoopbackHost(options.host)) {
        throw new UsageError(
          '--host must be a loopback address (127.0.0.1 or another 127.x.y.z, ::1, localhost): the mock issues tokens for a published test secret to whoever reaches it.',
        );
      }
      const port = whole(options.port, '--port');
      const deviceCount = whole(options.devices, '--devices');
      const tokenLifetimeSeconds = whole(options.tokenLifetime, '--token-lifetime');
      const mock = await import('@mmd-sdk/mmd-mock/server');
      const server = await mock
        .startMockServer({
          port,
          host: options.host,
          seed: whole(options.seed, '--seed'),
          signingKey: mockSigningKey(cacheDirectory()),
          ...(deviceCount !== undefined ? { deviceCount } : {}),
          ...(tokenLifetimeSeconds !== undefined ? { tokenLifetimeSeconds } : {}),
        })
        .catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'EADDRINUSE') {
            throw new UsageError(
              `port ${port} on ${options.host} is in use: pass --port 0 (a free port) or another one.`,
            );
          }
          if (error.code === 'EADDRNOTAVAIL') {
            throw new UsageError(`${options.host} is not an address of this machine: use 127.0.0.1.`);
          }
          if (error.name === 'MockConfigurationError') {
            // The mock names its options (deviceCount); the user typed flags (--devices).
            throw new UsageError(
              Object.entries(FLAGS).reduce(
                (text, [option, flag]) => text.replaceAll(option, flag),
                error.message,
              ),
            );
          }
          throw error;
        });
      process.stdout.write(
        [
          `Mock MMD tenant on ${server.url} (API ${server.baseUrl}). Ctrl-C stops it.`,
          'Point mmd at it (the secret is a test value of the mock):',
          `  export AZURE_TENANT_ID=${mock.MOCK_TENANT_ID} AZURE_CLIENT_ID=${mock.MOCK_CLIENT_ID}`,
          `  export AZURE_CLIENT_SECRET=${mock.MOCK_CLIENT_SECRET}`,
          `  export AZURE_AUTHORITY_HOST=${server.url} MMD_BASE_URL=${server.baseUrl}`,
          '  mmd devices list',
          '',
        ].join('\n'),
      );
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
    });
}
