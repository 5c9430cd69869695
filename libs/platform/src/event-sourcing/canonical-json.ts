/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no insignificant white space, strings
 * and numbers as JSON.stringify writes them. For the values events carry (strings, integers,
 * booleans, null, arrays, objects) this equals `jq -cS .` output, so an auditor can recompute
 * hashes with standard tools (docs/audit.md).
 *
 * `omit` leaves out top-level keys, so a caller need not copy an object to drop a field. It runs
 * for every appended and verified event, hence the cached quoted keys and no intermediate arrays.
 */
export function canonicalJson(value: unknown, omit?: ReadonlySet<string>): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new TypeError('canonical JSON cannot hold a non-finite number');
    }
    if (value === undefined) throw new TypeError('canonical JSON cannot hold undefined');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  const keys = Object.keys(value);
  if (keys.length > 1) keys.sort(byCodeUnits);
  let json = '{';
  for (const key of keys) {
    if (omit?.has(key)) continue;
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined) continue;
    json += (json.length === 1 ? '' : ',') + quotedKey(key) + canonicalJson(item);
  }
  return `${json}}`;
}

const quotedKeys = new Map<string, string>();

function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = `${JSON.stringify(key)}:`;
    if (quotedKeys.size < 10_000) quotedKeys.set(key, quoted);
  }
  return quoted;
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
