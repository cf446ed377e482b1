import { afterAll, expect } from 'vitest';
import { observedTexts } from './observed';
import { SCANNED_SECRETS } from './secrets';

afterAll(() => {
  // Neither the servers' password nor a stored value may appear in any error (message, stack,
  // JSON, util.inspect with hidden properties and causes) or log line a test observed.
  const leaks = observedTexts().filter((text) => SCANNED_SECRETS.some((secret) => text.includes(secret)));
  expect(leaks.map((text) => text.slice(0, 300))).toEqual([]);
});
