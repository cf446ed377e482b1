import { definePluginConfig } from '@hey-api/openapi-ts';
import { handler } from './plugin';
import type { OperationTablePlugin } from './types';

export const defaultConfig: OperationTablePlugin['Config'] = {
  config: { clientName: 'mmd' },
  dependencies: ['@hey-api/typescript'],
  handler,
  name: 'mmd-operation-table',
};

/**
 * The operation table of the MMD document, generated beside the types: one entry per operation
 * (method, path, parameters, tenant scope, paging, answer kind, transform) and `OperationTypes`,
 * each operation's data and result types with its JSDoc.
 */
export const defineConfig = definePluginConfig(defaultConfig);
