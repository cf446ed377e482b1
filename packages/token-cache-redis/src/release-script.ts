/**
 * Deletes the lock only if it still holds this holder's token: a holder whose lock expired (a slow
 * fetch) must not release the next holder's. GET, compare and DEL run as one script, so no other
 * command can come in between; plain EVAL, which Redis, Valkey and Redis Cluster (the lock key
 * names the node) all run. Returns 1 when the lock was released, 0 when it was not this holder's.
 */
export const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/**
 * Gives a lock with no expiry (`PTTL` -1: written by hand, or by a client that set no `PX`) the
 * ttl a lock may last, so that it is honoured no longer than that from when it was found. Returns
 * 1 when it did, 0 when the lock expires by itself (or is gone).
 */
export const STUCK_LOCK_SCRIPT = `if redis.call('PTTL', KEYS[1]) == -1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) return 1 else return 0 end`;
