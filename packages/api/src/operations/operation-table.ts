import { operationTable } from '../generated/mmd-operation-table.gen';
import type { OperationSpec } from './operation-spec';

/** The name (`operationId`) of a documented operation. */
export type OperationName = keyof typeof operationTable;

/** The operations that page with `$skip` and `$top`. */
export type PageableOperation = {
  [K in OperationName]: (typeof operationTable)[K]['pageable'] extends true ? K : never;
}[OperationName];

/** Every documented operation, as generated from the OpenAPI document. */
export const operations: Readonly<Record<OperationName, OperationSpec>> = operationTable;

/** The operation names, in document order. */
export const operationNames = Object.keys(operations) as OperationName[];
