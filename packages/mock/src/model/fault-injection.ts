import type { MockFaults } from './mock-tenant-options';
import type { SeededRandom } from './seeded-random';

/** The latency to add to one request, in milliseconds: `latencyMs`, or a roll within its `[min, max]`. */
export function faultLatencyMs(faults: MockFaults, random: SeededRandom): number {
  const latency = faults.latencyMs;
  if (latency === undefined) return 0;
  return typeof latency === 'number' ? latency : latency[0] + random.next() * (latency[1] - latency[0]);
}

function errorAnswer(status: number, message: string, headers: Readonly<Record<string, string>>): Response {
  return Response.json({ error: { code: String(status), message } }, { status, headers });
}

/**
 * The injected failure of one API request, rolled against `rateLimitRate` (a 429 with `Retry-After`)
 * and `serverErrorRate` (a 503 with `Retry-After` or a 500, evenly); `undefined` to answer it as usual.
 */
export function injectedFault(faults: MockFaults, random: SeededRandom): Response | undefined {
  const retryAfter = { 'retry-after': String(faults.retryAfterSeconds ?? 1) };
  const roll = random.next();
  const rateLimit = faults.rateLimitRate ?? 0;
  if (roll < rateLimit) {
    return errorAnswer(429, 'Too many requests. Retry after the time in the Retry-After header.', retryAfter);
  }
  if (roll >= rateLimit + (faults.serverErrorRate ?? 0)) return undefined;
  return random.next() < 0.5
    ? errorAnswer(503, 'The service is temporarily unavailable.', retryAfter)
    : errorAnswer(500, 'An internal error occurred.', {});
}
