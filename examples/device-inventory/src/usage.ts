/** What `--help` prints. */
export const USAGE = `Usage: device-inventory [--table] [--csv <file>] [--json <file>] [--force] [--page-size <n>]

Pages through every device of the tenant (the built-in mock unless AZURE_* variables name a real
one) and prints totals, compliance, update-ring and profile summaries.

Options:
  --table, --all     Also print every device in a table, after the summaries.
  --csv <file>       Write every device to <file> as CSV (a header row, RFC 4180 quoting).
  --json <file>      Write every device to <file> as a JSON array, page by page.
  --force            Overwrite the --csv or --json file if it exists (refused otherwise).
  --page-size <n>    Devices asked for per request, 1 to 100000 (default: the SDK's, 100).
  -h, --help         Print this help.

While it pages, a progress line goes to stderr when stderr is a terminal.
Through pnpm: pnpm --filter @mmd-sdk/example-device-inventory start --csv devices.csv`;
