import type { Logger } from '@mmd-sdk/mmd-auth';

/**
 * The SDK's log lines (`MMD_LOG=debug`) on stderr, never stdout: stdout carries only the answer, so
 * `$(mmd token --raw)` and `mmd … -o json | jq` stay clean whatever the log level.
 */
export const stderrLogger: Logger = {
  debug: (line) => process.stderr.write(`${line}\n`),
  info: (line) => process.stderr.write(`${line}\n`),
  warn: (line) => process.stderr.write(`${line}\n`),
  error: (line) => process.stderr.write(`${line}\n`),
};
