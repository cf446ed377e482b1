import { parseArgs } from 'node:util';
import { isLoopbackHost } from '@mmd-sdk/core';
import type { MockServerOptions } from '../transport/mock-server-options';

export const USAGE = `Usage: mmd-mock [--port 4010] [--host 127.0.0.1] [--seed 1] [--devices 50] [--latency 0]
                [--rate-limit 0] [--server-errors 0] [--token-lifetime 3599] [--tls [--tls-cert-out ca.pem]]

Starts a mock Microsoft Managed Desktop tenant: the Entra token endpoint and the MMD API on one origin.
--tls serves https with a certificate made at start (what MSAL needs); the certificate to trust is
written to --tls-cert-out, or to a temporary file whose path is printed.`;

/** A command line that cannot be run: the message is one line that says the fix. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

/** What a command line asks for. */
type CliCommand =
  | { readonly kind: 'help' }
  | {
      readonly kind: 'start';
      readonly server: MockServerOptions;
      /** Where to write the certificate to trust (`--tls-cert-out`); `undefined` for a temporary file. */
      readonly certificateOut: string | undefined;
    };

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  seed: { type: 'string' },
  devices: { type: 'string' },
  latency: { type: 'string' },
  'rate-limit': { type: 'string' },
  'server-errors': { type: 'string' },
  'token-lifetime': { type: 'string' },
  tls: { type: 'boolean' },
  'tls-cert-out': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The numeric flags and their defaults; the server checks their ranges as it checks its options. */
const NUMBER_DEFAULTS = {
  port: 4010,
  seed: 1,
  devices: 50,
  latency: 0,
  'rate-limit': 0,
  'server-errors': 0,
  'token-lifetime': 3599,
} as const;

type NumberFlag = keyof typeof NUMBER_DEFAULTS;

function readValues(args: readonly string[]) {
  try {
    return parseArgs({ args: [...args], options: OPTIONS, strict: true }).values;
  } catch (error) {
    // parseArgs says what is wrong (an unknown flag, a flag without its value), on a few lines.
    const message = error instanceof Error ? error.message : String(error);
    throw new CliUsageError(message.replace(/\s*\n\s*/g, ' '));
  }
}

/**
 * Reads the `mmd-mock` command line into server options.
 * @throws CliUsageError for an unknown flag, a number that is not one, or `--tls-cert-out` without `--tls`.
 */
export function parseCliArguments(args: readonly string[]): CliCommand {
  const values = readValues(args);
  if (values.help) return { kind: 'help' };
  const number = (name: NumberFlag): number => {
    const value = values[name];
    if (value === undefined) return NUMBER_DEFAULTS[name];
    const parsed = Number(value);
    if (value.trim() === '' || !Number.isFinite(parsed) || parsed < 0) {
      throw new CliUsageError(
        `--${name} must be a number of at least 0 (got ${JSON.stringify(value.slice(0, 32))}).`,
      );
    }
    return parsed;
  };
  if (values.host !== undefined && !isLoopbackHost(values.host)) {
    throw new CliUsageError(
      `--host must be a loopback address (127.0.0.1, ::1 or localhost): the mock issues tokens for a published test secret to whoever reaches it. Code that needs another address can pass host to startMockServer.`,
    );
  }
  if (values['tls-cert-out'] !== undefined && !values.tls) {
    throw new CliUsageError('--tls-cert-out writes the certificate of an https server: add --tls.');
  }
  return {
    kind: 'start',
    server: {
      port: number('port'),
      host: values.host ?? '127.0.0.1',
      seed: number('seed'),
      deviceCount: number('devices'),
      tokenLifetimeSeconds: number('token-lifetime'),
      faults: {
        latencyMs: number('latency'),
        rateLimitRate: number('rate-limit'),
        serverErrorRate: number('server-errors'),
      },
      tls: values.tls === true,
    },
    certificateOut: values['tls-cert-out'],
  };
}
