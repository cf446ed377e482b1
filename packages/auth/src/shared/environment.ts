/**
 * An environment variable's value, trimmed, or `undefined` when it is unset or blank. Own variables
 * only: a value inherited from a polluted `Object.prototype` is no configuration.
 */
export function readVariable(environment: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = Object.hasOwn(environment, name) ? environment[name] : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  return value.trim();
}
