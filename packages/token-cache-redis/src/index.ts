export {
  type Logger,
  type LogLevel,
  MmdConfigurationError,
  MmdError,
  type TokenStore,
  type TokenStoreLock,
} from '@mmd-sdk/core';
export type {
  RedisMessageListener,
  RedisStoreClient,
  RedisStoreCommandOptions,
  RedisStoreCommands,
  RedisSubscriberConnection,
} from './redis-client-shape';
export { createRedisTokenStore, type RedisTokenStore } from './redis-token-store';
export type { RedisTokenStoreOptions } from './redis-token-store-options';
export { TokenStoreError, type TokenStoreFailure, type TokenStoreOperation } from './token-store-error';
