import { checkOptionsObject } from '@mmd-sdk/core';

/**
 * Reads `@azure/identity`'s positional form, `(tenantId, clientId, <authentication>, options?)`, as
 * one options object, so that code written for it runs unchanged. A single argument is the options
 * form and is returned as it is (checked later, like any options).
 */
export function optionsFromArguments(
  args: readonly unknown[],
  credential: string,
  authentication: (value: unknown) => Record<string, unknown>,
): unknown {
  if (args.length <= 1) return args[0];
  const [tenantId, clientId, value, options] = args;
  const common = checkOptionsObject(
    options,
    'options',
    `pass common options such as { authorityHost } as the last argument of new ${credential}(tenantId, clientId, …, options)`,
  );
  return { ...common, tenantId, clientId, ...authentication(value) };
}
