import { createHash } from 'node:crypto';

/**
 * A stable, v4-looking UUID derived from `parts` with SHA-256: the same parts always give the same
 * UUID, as an app's service principal keeps its object ID.
 */
export function deterministicUuid(...parts: readonly string[]): string {
  const bytes = createHash('sha256').update(parts.join('\u0000')).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The object ID of an app's service principal in a tenant, as app-only tokens carry it in `oid` and
 * `sub`: derived from the tenant and client IDs (case-insensitively), so it is the same on every token.
 */
export function servicePrincipalObjectId(tenantId: string, clientId: string): string {
  return deterministicUuid('service-principal', tenantId.toLowerCase(), clientId.toLowerCase());
}
