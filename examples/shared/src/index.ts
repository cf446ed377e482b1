export { exitQuietlyOnBrokenPipe } from './broken-pipe';
export { countBy, printTable } from './print-table';
export { runExample } from './run-example';
export {
  assertWriteAllowed,
  hasRealTenant,
  MMD_BASE_URL,
  selectTarget,
  type Target,
  type TargetOptions,
} from './select-target';
