/**
 * The suite's secrets: every test server requires this password (so every store connects with it in
 * its URL), and every entry a test stores starts with the value prefix. `secret-scan.ts` fails a test
 * file whose errors or log lines hold either.
 */
export const REDIS_PASSWORD = 'pw-Xq7!s3cr3t+redis/Zk9';

const VALUE_PREFIX = 'entry-vK4pT9wQ2mZ8rL5';

/** A stored value for a test: unique per tag, and recognizable by the secret scan. */
export function entryValue(tag: string): string {
  return `${VALUE_PREFIX}-${tag}`;
}

/** The texts the scan looks for. */
export const SCANNED_SECRETS: readonly string[] = [
  REDIS_PASSWORD,
  encodeURIComponent(REDIS_PASSWORD),
  VALUE_PREFIX,
];
