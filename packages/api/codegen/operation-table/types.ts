import type { DefinePlugin } from '@hey-api/openapi-ts';

/** The options of the `mmd-operation-table` plugin. */
export type UserConfig = {
  name: 'mmd-operation-table';
  /**
   * The variable each method's `@example` calls.
   * @default 'mmd'
   */
  clientName?: string;
};

export type Config = { name: 'mmd-operation-table'; clientName: string };

export type OperationTablePlugin = DefinePlugin<UserConfig, Config>;
