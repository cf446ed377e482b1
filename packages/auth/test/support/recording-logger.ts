import type { Logger } from '../../src/index';
import { observeLine } from './observed';

/** A logger that keeps every line, to assert on warnings and to scan for leaked secrets. */
export function createRecordingLogger(): Logger & { readonly lines: string[] } {
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
