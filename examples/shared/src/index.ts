export { countBy, printTable } from './print-table';
export { runExample } from './run-example';
export { assertWriteAllowed, hasRealTenant, MMD_BASE_URL, selectTarget, type Target } from './select-target';
