import fc from 'fast-check';
import { canonicalJson } from './canonical-json';

/** The plain definition, for comparison: sort keys, recurse, JSON.stringify the rest. */
const reference = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
};

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps Chinese text as is', () => {
    expect(canonicalJson({ b: 1, a: { 名称: '政务公开', z: [3, { y: null, x: true }] } })).toBe(
      '{"a":{"z":[3,{"x":true,"y":null}],"名称":"政务公开"},"b":1}',
    );
  });

  it('leaves out omitted top-level keys only', () => {
    expect(canonicalJson({ hash: 'h', data: { hash: 'kept' }, a: 1 }, new Set(['hash']))).toBe('{"a":1,"data":{"hash":"kept"}}');
  });

  it('refuses values JSON cannot represent faithfully', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson([undefined])).toThrow(TypeError);
  });

  it('sorts objects of every shape alike, however many shapes share a first key or have been seen', () => {
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
    expect(canonicalJson({ a: 2, b: 1 })).toBe('{"a":2,"b":1}');
    expect(canonicalJson({ b: 1, c: 3, a: 2 })).toBe('{"a":2,"b":1,"c":3}');
    expect(canonicalJson({ b: 1, a: undefined, c: 3 })).toBe('{"b":1,"c":3}');
    for (let i = 0; i < 6000; i += 1) {
      const value = { z: i, [`k${i}`]: true, a: null };
      expect(canonicalJson(value)).toBe(reference(value));
    }
  });

  it('equals the plain definition for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => canonicalJson(value) === reference(value)),
      { numRuns: 500 },
    );
  });
});
