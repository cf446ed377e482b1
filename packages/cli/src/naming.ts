import type { OperationSpec } from '@mmd-sdk/mmd-api';

/** `listTicketNotes` → `['list', 'Ticket', 'Notes']`. */
export function camelWords(name: string): string[] {
  return name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+/g) ?? [name];
}

/** `ElevationRequests` → `elevation-requests`, `$searchText` → `search-text`. */
export function kebab(name: string): string {
  return camelWords(name.replace(/^\$/, ''))
    .map((word) => word.toLowerCase())
    .join('-');
}

const singular = (word: string) => word.replace(/s$/i, '').toLowerCase();

/**
 * Where an operation sits in the command tree, by one rule:
 *
 * - the group is the operation's tag, kebab-cased (`ElevationRequests` → `elevation-requests`);
 * - the verb is the first word of the operationId (`list`, `get`, `create`, `add`, `close`, `reassign`);
 * - the tag's words are looked for in the rest of the id (singular or plural); the words before them
 *   only qualify the resource and are dropped (`reassignDeviceProfile` → `profiles reassign`), the
 *   words after them name a sub-resource, pluralized (`addTicketNote` → `tickets notes add`). When
 *   the tag is not there whole, its common leading words are stripped (`getElevationDetails` →
 *   `elevation-requests details get`).
 *
 * So a new operation in the OpenAPI document gets its command without any edit here.
 */
export function commandPath(operationId: string, spec: Pick<OperationSpec, 'tag'>): string[] {
  const [verb = operationId, ...rest] = camelWords(operationId);
  const tag = camelWords(spec.tag).map(singular);
  const words = rest.map(singular);
  let suffix: string[] = rest;
  const at = words.findIndex((_, index) => tag.every((word, offset) => words[index + offset] === word));
  if (at >= 0) {
    suffix = rest.slice(at + tag.length);
  } else {
    let common = 0;
    while (common < tag.length && words[common] === tag[common]) common++;
    suffix = rest.slice(common);
  }
  const group = kebab(spec.tag);
  if (suffix.length === 0) return [group, verb.toLowerCase()];
  const last = suffix.at(-1) as string;
  const plural = [...suffix.slice(0, -1), /s$/i.test(last) ? last : `${last}s`];
  return [group, kebab(plural.join('')), verb.toLowerCase()];
}

/** The flag of a query parameter: `$searchText` → `search`, `$orderby` → `orderby`, `persona` → `persona`. */
export function queryFlag(parameter: string): string {
  return parameter === '$searchText' ? 'search' : kebab(parameter);
}

/** The placeholder of a path parameter: `deviceName` → `device-name`. */
export function pathArgument(parameter: string): string {
  return kebab(parameter);
}
