import { nodeCrypto } from '../shared/node-builtins';

/**
 * The key of a token in a store: the SHA-256 (hex) of the kind of grant and the in-memory key
 * (authority host or endpoint, tenant, client or identity, sorted scopes). Nothing secret goes in,
 * and nothing of the identity can be read back out.
 */
export function storeEntryKey(kind: string, memoryKey: string): string {
  return nodeCrypto().createHash('sha256').update(`mmd-sdk token v1|${kind}|${memoryKey}`).digest('hex');
}
