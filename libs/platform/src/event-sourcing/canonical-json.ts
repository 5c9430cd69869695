/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no insignificant white space, strings
 * and numbers as JSON.stringify writes them. For the values events carry (strings, integers,
 * booleans, null, arrays, objects) this equals `jq -cS .` output, so an auditor can recompute
 * hashes with standard tools (docs/audit.md).
 *
 * `omit` leaves out top-level keys, so a caller need not copy an object to drop a field. It runs
 * for every appended and verified event, hence the cached key orders (objects of one shape are
 * sorted once) and no intermediate arrays.
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
  if (keys.length === 0) return '{}';
  const shape = keys.length === 1 ? null : shapeOf(keys);
  const sorted = shape ? shape.sorted : keys;
  let json = '{';
  for (let index = 0; index < sorted.length; index += 1) {
    const key = sorted[index];
    if (omit?.has(key)) continue;
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined) continue;
    json += (json.length === 1 ? '' : ',') + (shape ? shape.quoted[index] : quotedKey(key)) + canonicalJson(item);
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

/**
 * The keys of one object shape (its own keys in `Object.keys` order) sorted, with their quoted forms.
 * Events of one type share a shape, so the sort runs once per shape, not once per object. Shapes are
 * found by their first key and then compared key by key, so a hit is exact; the cache is bounded.
 */
interface Shape {
  keys: readonly string[];
  sorted: readonly string[];
  quoted: readonly string[];
}

const SHAPES_PER_FIRST_KEY = 16;
const MAX_SHAPES = 5_000;
const shapesByFirstKey = new Map<string, Shape[]>();
let shapeCount = 0;

function shapeOf(keys: string[]): Shape {
  const candidates = shapesByFirstKey.get(keys[0]);
  if (candidates !== undefined) {
    for (const shape of candidates) if (sameKeys(shape.keys, keys)) return shape;
  }
  const sorted = [...keys].sort(byCodeUnits);
  const shape: Shape = { keys, sorted, quoted: sorted.map(quotedKey) };
  if (shapeCount < MAX_SHAPES && (candidates?.length ?? 0) < SHAPES_PER_FIRST_KEY) {
    if (candidates === undefined) shapesByFirstKey.set(keys[0], [shape]);
    else candidates.push(shape);
    shapeCount += 1;
  }
  return shape;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index += 1) if (a[index] !== b[index]) return false;
  return true;
}
