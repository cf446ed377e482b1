export { defaultConfig, defineConfig } from './config';
export type { OperationTablePlugin } from './types';
