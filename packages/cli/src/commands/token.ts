import type { Command } from 'commander';
import { UsageError } from '../errors';
import { tableCell, terminalSafe } from '../output/terminal-safe';
import type { GlobalOptions } from '../session';

interface TokenOptions extends GlobalOptions {
  raw?: boolean;
  force?: boolean;
}

/** The JWT's payload, decoded; the signature is never read or shown. */
export function decodeClaims(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function minutes(milliseconds: number): string {
  const total = Math.round(milliseconds / 60_000);
  return total >= 60 ? `${Math.floor(total / 60)} h ${total % 60} min` : `${total} min`;
}

export function addTokenCommand(program: Command): void {
  program
    .command('token')
    .description(
      'Show the access token mmd would send: expiry, scopes and claims (never the token itself).\n--raw prints the token, only into a pipe or file (or with --force).',
    )
    .option('--raw', 'print the token itself (refused when stdout is a terminal)')
    .option('--force', 'with --raw: print it even to a terminal')
    .addHelpText(
      'after',
      `
Examples:
  $ mmd token
  $ curl -H "Authorization: Bearer $(mmd token --raw)" https://mmdls.microsoft.com/support/odata/v1/tickets
`,
    )
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<TokenOptions>();
      if (options.raw && process.stdout.isTTY && !options.force) {
        throw new UsageError(
          '--raw would print the token on the terminal: pipe it (mmd token --raw | …) or add --force.',
        );
      }
      const { openSession } = await import('../session');
      const session = await openSession(options);
      const { token, expiresOnTimestamp } = session.accessToken;
      if (options.raw) {
        process.stdout.write(process.stdout.isTTY ? `${token}\n` : token);
        return;
      }
      const claims = decodeClaims(token) ?? {};
      const scopes = [
        ...(Array.isArray(claims.roles) ? (claims.roles as string[]) : []),
        ...(typeof claims.scp === 'string' ? claims.scp.split(' ') : []),
      ];
      const expiresOn = new Date(expiresOnTimestamp).toISOString();
      const { colorsFor, outputFormat } = await import('../run/run-operation');
      const format = outputFormat(options);
      if (format !== 'table') {
        process.stdout.write(
          `${terminalSafe(JSON.stringify({ expiresOn, scopes, audience: claims.aud, claims }, null, 2))}\n`,
        );
        return;
      }
      const colors = colorsFor(process.stdout, options);
      const line = (label: string, value: unknown) =>
        `${colors.bold(label.padEnd(10))}${tableCell(typeof value === 'string' ? value : JSON.stringify(value))}`;
      process.stdout.write(
        [
          line('expires', `${expiresOn} (in ${minutes(expiresOnTimestamp - Date.now())})`),
          line('scopes', scopes.join(' ') || '(none)'),
          line('audience', claims.aud ?? ''),
          line('app', claims.appid ?? claims.azp ?? ''),
          line('tenant', claims.tid ?? ''),
          colors.dim('claims (payload only; signature not shown):'),
          terminalSafe(JSON.stringify(claims, null, 2)),
          '',
        ].join('\n'),
      );
    });
}
