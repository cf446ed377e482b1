import { inspect } from 'node:util';

/**
 * What the code under test produced that a user could see: errors the tests caught and lines the
 * tests' loggers received. `secret-scan.ts` scans them after each test file.
 */
const errors: unknown[] = [];
const lines: string[] = [];

/** Records a caught error and returns it, for the test to assert on. */
export function observe<T>(error: T): T {
  errors.push(error);
  return error;
}

export function observeLine(line: string): void {
  lines.push(line);
}

/** Every way the recorded errors and lines can be shown. */
export function observedTexts(): string[] {
  const texts = [...lines];
  for (const error of errors) {
    if (error instanceof Error) texts.push(error.message, error.stack ?? '', String(error));
    texts.push(
      JSON.stringify(error) ?? '',
      inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    );
  }
  return texts;
}

/** How many errors were recorded (a scan of nothing proves nothing). */
export function observedErrorCount(): number {
  return errors.length;
}
