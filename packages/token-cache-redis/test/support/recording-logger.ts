import type { Logger } from '../../src/index';
import { observeLine } from './observed';

export interface RecordingLogger extends Logger {
  /** Every line so far, as `level: message`. */
  readonly lines: string[];
}

/** A logger that keeps every line, to assert on and to scan for leaked secrets. */
export function createRecordingLogger(): RecordingLogger {
  const lines: string[] = [];
  const record = (level: string) => (message: string) => {
    lines.push(`${level}: ${message}`);
    observeLine(message);
  };
  return {
    lines,
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
}
