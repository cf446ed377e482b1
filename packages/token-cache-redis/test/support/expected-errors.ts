import { expect } from 'vitest';
import { MmdConfigurationError, MmdError, TokenStoreError } from '../../src/index';
import { observe } from './observed';

/** Waits for `promise` to reject and returns the reason, recorded for the suite's secret scan. */
export function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected the promise to reject'),
    (reason: unknown) => observe(reason),
  );
}

/** The one-line `TokenStoreError` that `promise` rejects with. */
export async function tokenStoreError(promise: Promise<unknown>): Promise<TokenStoreError> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(TokenStoreError);
  expect(error).toBeInstanceOf(MmdError);
  expect((error as Error).message).not.toContain('\n');
  return error as TokenStoreError;
}

function checkConfigurationError(error: unknown): MmdConfigurationError {
  observe(error);
  expect(error).toBeInstanceOf(MmdConfigurationError);
  expect(error).toBeInstanceOf(MmdError);
  expect((error as Error).message).not.toContain('\n');
  return error as MmdConfigurationError;
}

/** The one-line `MmdConfigurationError` that `build` throws synchronously. */
export function configurationError(build: () => unknown): MmdConfigurationError {
  try {
    build();
  } catch (error) {
    return checkConfigurationError(error);
  }
  return expect.fail('expected an MmdConfigurationError to be thrown');
}

/** The one-line `MmdConfigurationError` that `promise` rejects with. */
export async function configurationRejection(promise: Promise<unknown>): Promise<MmdConfigurationError> {
  return checkConfigurationError(await rejection(promise));
}
