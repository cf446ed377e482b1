import { describe, expect, it } from 'vitest';
import { operationBehaviours } from '../src/api/operation-behaviours';
import { operationTable } from '../src/api/operation-table';
import { MOCK_TENANT_ID } from '../src/server';
import { useMockTenant } from './support/msw-tenant';
import { requestToken } from './support/token-request';

// The mock serves exactly the operations of the generated table (openapi/mmd.openapi.yaml): each one
// has a behaviour, and each documented method and path reaches it rather than a 404 or a 405.
const operations = Object.entries(operationTable);
useMockTenant();

describe('the documented operations', () => {
  it('each have a behaviour, and no behaviour serves an undocumented operation', () => {
    expect(Object.keys(operationBehaviours).sort()).toEqual(Object.keys(operationTable).sort());
  });

  it.each(operations)(
    '%s is routed to its behaviour at its documented method and path',
    async (name, operation) => {
      const token = await requestToken('https://login.microsoftonline.com');
      const path = operation.path
        .replace('{tenantId}', MOCK_TENANT_ID)
        .replace(/\{[^}]+\}/g, 'no-such-thing');
      const response = await fetch(`https://mmdls.microsoft.com/support/odata/v1${path}`, {
        method: operation.method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(operation.body === 'json' ? { body: '{}' } : {}),
      });
      // A behaviour answers (a result, a 400 for the empty body, a 404 for the unknown key); routing
      // alone would answer 404 "No HTTP resource…" or 405.
      expect(response.status, name).not.toBe(405);
      const text = await response.text();
      expect(text, name).not.toContain('No HTTP resource was found');
    },
  );
});
