import type { Logger } from '../../src/index';
import { observeLine } from './observed';

export interface RecordingLogger extends Logger {
  /** Every line so far, as `level: message`. */
  readonly lines: string[];
  /** Settles with the `occurrence`-th line (counting those already written) that matches `pattern`. */
  waitForLine(pattern: RegExp, occurrence?: number): Promise<string>;
}

/** A logger that keeps every line, to assert on warnings and retry waits, and to scan for leaked secrets. */
export function createRecordingLogger(): RecordingLogger {
  const lines: string[] = [];
  const waiters: Array<() => boolean> = [];
  const record = (level: string) => (message: string) => {
    lines.push(`${level}: ${message}`);
    observeLine(message);
    for (const settled of waiters.filter((waiter) => waiter())) waiters.splice(waiters.indexOf(settled), 1);
  };
  return {
    lines,
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    waitForLine(pattern, occurrence = 1) {
      return new Promise((resolve) => {
        const check = () => {
          const line = lines.filter((entry) => pattern.test(entry))[occurrence - 1];
          if (line !== undefined) resolve(line);
          return line !== undefined;
        };
        if (!check()) waiters.push(check);
      });
    },
  };
}
