import type { Logger } from '@mmd-sdk/mmd-api';
import type { ProgressLine } from './progress-line';

/**
 * A logger that writes as `console` does (debug and info to stdout, warn and error to stderr), each
 * line on a blank line of its own rather than across the progress line, which shows again below it.
 */
export function progressLogger(line: ProgressLine): Logger {
  return {
    debug: (message) => line.interrupt(() => console.debug(message)),
    info: (message) => line.interrupt(() => console.info(message)),
    warn: (message) => line.interrupt(() => console.warn(message)),
    error: (message) => line.interrupt(() => console.error(message)),
  };
}
