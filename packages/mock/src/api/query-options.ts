import { ApiFailure } from './api-failure';
import { type OperationName, operationTable } from './operation-table';

/** Throws a 400 (`BadRequest`) for the first OData query option `operation` does not declare. */
export function checkQueryOptions(operation: OperationName, query: URLSearchParams): void {
  // The OData options (names starting with `$`) the document declares for the operation; any other is
  // refused, as the service does, rather than silently ignored. Other query parameters (`persona`,
  // `wipe`) are checked by the operations themselves.
  const declared: readonly string[] = operationTable[operation].queryParams;
  for (const name of query.keys()) {
    if (name.startsWith('$') && !declared.includes(name)) {
      const shown = name.length > 64 ? `${name.slice(0, 64)}…` : name;
      throw new ApiFailure(400, {
        error: { code: 'BadRequest', message: `The query option ${shown} is not supported by ${operation}.` },
      });
    }
  }
}
