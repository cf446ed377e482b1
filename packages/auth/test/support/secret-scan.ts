import { afterAll, expect, vi } from 'vitest';
import { observedTexts, observeLine } from './observed';
import { CLIENT_SECRET } from './token-endpoint';

// Whatever reaches the console during the suite is scanned too.
for (const level of ['debug', 'info', 'log', 'warn', 'error'] as const) {
  const original = console[level].bind(console);
  vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
    observeLine(args.map(String).join(' '));
    original(...args);
  });
}

afterAll(() => {
  // The suite's shared test secret must appear in no error, serialized error, inspected error or log line.
  const escaped = JSON.stringify(CLIENT_SECRET).slice(1, -1);
  const leaks = observedTexts().filter((text) => text.includes(CLIENT_SECRET) || text.includes(escaped));
  expect(leaks.map((text) => text.slice(0, 200))).toEqual([]);
});
