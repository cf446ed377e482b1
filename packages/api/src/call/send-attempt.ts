import type { Deadline, LeveledLogger } from '@mmd-sdk/core';
import type { OperationSpec } from '../operations/operation-spec';
import type { OperationName } from '../operations/operation-table';
import { readResult } from '../operations/read-result';
import { transforms } from '../operations/transforms';
import type { AttemptReading } from '../transport/attempt-control';
import type { CallMeta, TransportRequest } from '../transport/create-transport';

/** The request of one call, the same for each of its attempts. */
export interface PreparedRequest {
  readonly method: string;
  /** The path template (filled from `path`) or an `@odata.nextLink` below the base URL. */
  readonly url: string;
  readonly path?: Record<string, string>;
  readonly query?: Record<string, unknown>;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

/** What an attempt answered: the operation's result and the status it came with. */
export interface AttemptResult {
  readonly data: unknown;
  readonly status: number;
}

/**
 * One attempt of a call with one token: sends the request, reads the answer within
 * `maxResponseBytes` and applies the operation's transform. `reading` lets the deadline stop a read.
 */
export async function sendAttempt(attempt: {
  transport: TransportRequest;
  name: OperationName;
  spec: OperationSpec;
  request: PreparedRequest;
  token: string;
  clientRequestId: string;
  deadline: Deadline;
  reading: AttemptReading;
  /** The caller's signal, if any. */
  signal: AbortSignal | undefined;
  maxResponseBytes: number;
  log: LeveledLogger;
}): Promise<AttemptResult> {
  const { transport, name, spec, request, token, deadline, reading, signal, log } = attempt;
  const debug = log.enabled('debug');
  const started = debug ? Date.now() : 0;
  const sent: { path?: string; template?: string } | undefined = debug
    ? request.path
      ? { template: spec.path }
      : {}
    : undefined;
  const meta: CallMeta = sent
    ? { operation: name, token, sent, reading }
    : { operation: name, token, reading };
  const line = (outcome: string) =>
    `${name}: ${spec.method} ${sent?.path ?? spec.path} → ${outcome} in ${Date.now() - started} ms (client-request-id ${attempt.clientRequestId})`;
  let response: Response;
  let data: unknown;
  try {
    // The deadline stops the request and its read through `reading` (the transport's fetch fills it).
    ({ response } = await transport(
      { ...request, meta, parseAs: 'stream' },
      signal ? { operation: name, deadline, reading, signal } : { operation: name, deadline, reading },
    ));
    data = await readResult(name, spec, response, attempt.maxResponseBytes, reading, token);
  } catch (error) {
    if (sent) {
      const status = (error as { status?: unknown } | null)?.status;
      log.debug(
        line(typeof status === 'number' ? String(status) : error instanceof Error ? error.name : 'failed'),
      );
    }
    throw error;
  }
  if (sent) log.debug(line(String(response.status)));
  return { data: spec.transform === null ? data : transforms[spec.transform](data), status: response.status };
}
