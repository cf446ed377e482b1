import { describe, expect, it } from 'vitest';
import { JsonArrayEncoder } from '../src/json-array';

function encode(pages: unknown[][]): string {
  const encoder = new JsonArrayEncoder();
  return pages.map((page) => encoder.page(page)).join('') + encoder.end();
}

describe('JsonArrayEncoder', () => {
  it('writes an empty array when no item comes', () => {
    expect(encode([])).toBe('[]\n');
    expect(encode([[], []])).toBe('[]\n');
  });

  it('writes one item per line, across pages, as one valid array', () => {
    const text = encode([[{ a: 1 }, { b: 'x,"y"\n' }], [], [{ c: null }]]);
    expect(text).toBe('[\n{"a":1},\n{"b":"x,\\"y\\"\\n"},\n{"c":null}\n]\n');
    expect(JSON.parse(text)).toEqual([{ a: 1 }, { b: 'x,"y"\n' }, { c: null }]);
  });
});
