import { expect } from 'vitest';
import { MmdConfigurationError, MmdError, TokenRequestError } from '../../src/index';
import { observe } from './observed';

/** Waits for `promise` to reject and returns the reason, recorded for the suite's secret scan. */
export function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected the promise to reject'),
    (reason: unknown) => observe(reason),
  );
}

/** The `TokenRequestError` that `promise` rejects with. */
export async function tokenRequestError(promise: Promise<unknown>): Promise<TokenRequestError> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(TokenRequestError);
  expect(error).toBeInstanceOf(MmdError);
  return error as TokenRequestError;
}

/** The error of class `kind` (an `MmdError`) that `build` throws synchronously, recorded for the secret scan. */
export function thrownBy<T extends Error>(
  build: () => unknown,
  kind: abstract new (...args: never[]) => T,
): T {
  try {
    build();
  } catch (error) {
    observe(error);
    expect(error).toBeInstanceOf(kind);
    expect(error).toBeInstanceOf(MmdError);
    return error as T;
  }
  return expect.fail(`expected ${kind.name} to be thrown`);
}

/** The one-line `MmdConfigurationError` that `build` throws synchronously. */
export function configurationError(build: () => unknown): MmdConfigurationError {
  const error = thrownBy(build, MmdConfigurationError);
  expect(error.message).not.toContain('\n');
  return error;
}
