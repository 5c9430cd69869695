/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no insignificant white space, strings
 * and numbers as JSON.stringify writes them. For the values events carry (strings, integers,
 * booleans, null, arrays, objects) this equals `jq -cS .` output, so an auditor can recompute
 * hashes with standard tools.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new TypeError('canonical JSON cannot hold a non-finite number');
    }
    if (value === undefined) throw new TypeError('canonical JSON cannot hold undefined');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
