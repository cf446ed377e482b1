import type { RawOperation } from './raw-operation';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A value as TypeScript source on one line: single-quoted strings, bare keys where they may be. */
export function toSource(value: unknown): string {
  if (typeof value === 'string') return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(toSource).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(
      ([key, child]) => `${IDENTIFIER.test(key) ? key : toSource(key)}: ${toSource(child)}`,
    );
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/**
 * A call of the operation with the document's examples: its path parameters but `tenantId` (the
 * client fills it), its query options but paging (`paginate` does it), and its body.
 */
export function writeExample(clientName: string, operationId: string, raw: RawOperation): string {
  const params: Record<string, Record<string, unknown> | unknown> = {};
  for (const place of ['path', 'query'] as const) {
    const values = Object.fromEntries(
      raw.parameters
        .filter((parameter) => parameter.in === place && parameter.example !== undefined)
        .filter((parameter) => !['tenantId', '$skip', '$top'].includes(parameter.name))
        .map((parameter) => [parameter.name, parameter.example]),
    );
    if (Object.keys(values).length > 0) params[place] = values;
  }
  if (raw.bodyExample !== undefined) params.body = raw.bodyExample;
  return `await ${clientName}.${operationId}(${Object.keys(params).length === 0 ? '' : toSource(params)});`;
}
