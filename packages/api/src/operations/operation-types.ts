import type { OperationTypes } from '../generated/mmd-operation-table.gen';

/** The empty object type, for "has no required keys" checks. */
type Empty = Record<never, never>;
type Simplify<T> = { [K in keyof T]: T[K] } & Empty;
type TenantOptional<P> = P extends { tenantId: string }
  ? Simplify<Omit<P, 'tenantId'> & { tenantId?: string }>
  : P;
type PathOf<D> = D extends { path: infer P }
  ? Empty extends TenantOptional<P>
    ? { path?: TenantOptional<P> }
    : { path: TenantOptional<P> }
  : Empty;

/**
 * The parameters of an operation, as the generated types declare them (`path`, `query`, `body`),
 * with `path.tenantId` optional: the client fills it from its own `tenantId`.
 */
export type OperationParams<D> = Simplify<Omit<D, 'url' | 'path' | 'headers'> & PathOf<D>>;

/** Per-call options. */
export interface MmdRequestOptions {
  /**
   * Cancels the call, retries and the waits between them included; the call rejects with `AbortError`.
   * @default none
   */
  signal?: AbortSignal;
  /**
   * Milliseconds one attempt of this call may take, for the odd slow operation.
   * @default the client's `timeout` (30000)
   */
  timeout?: number;
  /**
   * Extra request headers, such as a correlation ID of your own. `Authorization` is always the
   * client's own and cannot be replaced here.
   * @default none
   */
  headers?: Record<string, string>;
}

type ParamsArgument<P> = Empty extends P
  ? [params?: P, options?: MmdRequestOptions]
  : [params: P, options?: MmdRequestOptions];

/**
 * One method per operation, named by its `operationId`, documented from the OpenAPI document (its
 * summary, description and an example): the parameters (optional when none is required), then
 * per-call options; the result is the operation's answer.
 */
export type MmdOperations = {
  [K in keyof OperationTypes]: (
    ...args: ParamsArgument<OperationParams<OperationTypes[K]['data']>>
  ) => Promise<OperationTypes[K]['result']>;
};
