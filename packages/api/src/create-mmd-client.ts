import type { MmdClientOptions } from './client-options';
import { createTransport } from './create-transport';
import type { MmdOperations } from './operation-types';
import { type OperationName, operations } from './operations';
import { createPaginate, type Paginate } from './paginate';
import { resolveClientOptions } from './resolve-client-options';
import { createSend } from './send-operation';
import { createTokenSource } from './token-source';

/** A client of the MMD API: one method per operation, plus `paginate`. */
export type MmdClient = MmdOperations & {
  /** Iterates over every item of a list operation, page by page. */
  readonly paginate: Paginate;
  /** The base URL requests go to (and the only place the bearer token goes). */
  readonly baseUrl: string;
};

/**
 * Creates a client of the Microsoft Managed Desktop API. Every option is checked first; every request
 * carries a bearer token from the credential, goes only to `baseUrl`, is bounded by `timeout` and
 * `maxResponseBytes`, is retried as the rules allow, and fails with a typed error.
 */
export function createMmdClient(options: MmdClientOptions): MmdClient {
  const settings = resolveClientOptions(options);
  const { raw } = settings;
  const tokenSource = createTokenSource({
    credential: raw.credential,
    getToken: raw.getToken,
    tenantId: raw.tenantId,
    clientId: raw.clientId,
    clientSecret: raw.clientSecret,
    authorityHost: raw.authorityHost,
    scopes: settings.scopes,
    fetch: settings.fetch,
    logger: settings.logger,
    logLevel: settings.logLevel,
  });
  const send = createSend({ client: createTransport(settings), settings, tokenSource });
  const methods = Object.fromEntries(
    (Object.keys(operations) as OperationName[]).map((name) => [
      name,
      (params?: unknown, call?: unknown) => send(name, params, call),
    ]),
  ) as unknown as MmdOperations;
  return {
    ...methods,
    paginate: createPaginate({ send, baseUrl: settings.baseUrl }),
    baseUrl: settings.baseUrl.text,
  };
}
