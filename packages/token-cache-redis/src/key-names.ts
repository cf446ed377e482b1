/** The Redis names of one store entry. */
export interface KeyNames {
  /** The entry: `{<prefix>:<key>}`. */
  readonly entry: string;
  /** The single-flight lock: `{<prefix>:<key>}:lock`. */
  readonly lock: string;
  /** The channel a write is announced on: `{<prefix>:<key>}:written`. */
  readonly channel: string;
}

/**
 * The names of the entry, lock and channel for `key`. The braces are a Redis Cluster hash tag: only
 * what they enclose picks the slot, so the three always share one slot (and one node), and the
 * release script, which names the lock, runs where the lock is. A `}` inside `key` ends the tag
 * early, identically for the three names, so they still share a slot.
 */
export function keyNames(prefix: string, key: string): KeyNames {
  const entry = `{${prefix}:${key}}`;
  return { entry, lock: `${entry}:lock`, channel: `${entry}:written` };
}
