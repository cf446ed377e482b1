// The operation table generated from openapi/mmd.openapi.yaml for the client (packages/api), read here
// too so that the mock routes exactly the documented operations. The build inlines it.
import { operationTable } from '../../../api/src/generated/mmd-operation-table.gen';

export { operationTable };

/** The name (`operationId`) of a documented operation. */
export type OperationName = keyof typeof operationTable;
