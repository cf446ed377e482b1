import type { OperationTransform } from './operation-spec';

/** The documented reshapings of an answer, by their `x-mmd-transform` name. */
export const transforms: Readonly<Record<OperationTransform, (data: unknown) => unknown>> = {
  'unwrap-collection'(data) {
    if (data && typeof data === 'object' && Array.isArray((data as { value?: unknown }).value)) {
      const [entity] = (data as { value: unknown[] }).value;
      return { '@odata.context': (data as Record<string, unknown>)['@odata.context'], ...(entity as object) };
    }
    return data;
  },
};
