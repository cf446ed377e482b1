import { MmdConfigurationError } from '../errors/configuration-error';

/** The `.default` scope of the MMD API resource ("Modern Workplace Customer APIs"). */
export const MMD_SCOPE = 'https://mwaas-services-customerapi-prod.azurewebsites.net/.default';

/** Turns the `scopes` argument of `getToken` into a sorted, de-duplicated list of `.default` scopes. */
export function normalizeScopes(scopes: unknown): string[] {
  const list: unknown[] =
    scopes === undefined
      ? [MMD_SCOPE]
      : typeof scopes === 'string'
        ? [scopes]
        : Array.isArray(scopes)
          ? [...scopes]
          : [scopes];
  if (list.length === 0) {
    throw new MmdConfigurationError('scopes', `scopes must not be empty; for the MMD API use ${MMD_SCOPE}.`);
  }
  const checked: string[] = [];
  for (const scope of list) {
    if (typeof scope !== 'string' || scope === '' || /\s/.test(scope) || scope.length > 2_048) {
      throw new MmdConfigurationError(
        'scopes',
        `scopes must be a scope string or an array of them, each non-empty and without spaces; for the MMD API use ${MMD_SCOPE}.`,
      );
    }
    if (!scope.toLowerCase().endsWith('/.default')) {
      throw new MmdConfigurationError(
        'scopes',
        `the client-credentials grant only accepts "<resource>/.default" scopes; for the MMD API use ${MMD_SCOPE}.`,
      );
    }
    checked.push(scope);
  }
  return [...new Set(checked)].sort();
}
