import {
  ERASED_PLACEHOLDER,
  PERSONAL_DATA,
  WITHHELD_PLACEHOLDER,
  isPersonalDataToken,
  personalDataMarking,
  personalValuesOf,
  subjectValueOf,
  type EventEnvelope,
  type PersonalDataMarking,
  type PersonalDataMarkings,
  type PersonalFieldType,
  type PersonalValue,
} from '@gongkai/contracts';
import { decryptField, encryptField, tokenKeyId, type SubjectKey } from './field-cipher';
import { subjectIdOf, type PersonalDataKeys } from './personal-data-keys';

/**
 * What a reader may do with personal data. `keys`: the key store, for the service that owns the
 * data (its command handler, its own projections, the audit roles allowed to see it); null for the
 * others (another service's consumer, a role without the right), who get `已脱敏`.
 */
export interface PersonalDataAccess {
  keys: PersonalDataKeys | null;
  /** Which subjects (`<scope>/<value>`) this reader may see; default: all it has keys for. */
  mayRead?: (subjectId: string) => boolean;
  /**
   * Subjects whose ciphertext this reader takes as stored (no key needed): the owning service's own
   * projections that keep the tokens and reveal them on read (`revealSealed`), so erasing the key
   * leaves no plaintext in the read model either.
   */
  keepSealed?: (subjectId: string) => boolean;
}

/** A reader without keys: every marked field reads `已脱敏` (a string) or null (another type). */
export const NO_PERSONAL_DATA_ACCESS: PersonalDataAccess = { keys: null };

/**
 * A service's own readers (its consumer group, its rebuilds): plaintext of the subjects of its own
 * scopes (`<service>.<kind>`), `已脱敏` for every other service's personal data even in one process.
 */
export const ownPersonalData = (keys: PersonalDataKeys, service: string): PersonalDataAccess => ({
  keys,
  mayRead: (subjectId) => subjectId.startsWith(`${service}.`),
});

/**
 * A service's own projections that keep its personal data sealed: the tokens of its own scopes are
 * handed over as stored, every other service's personal data reads `已脱敏`. The service reveals the
 * stored tokens when a reader with the right asks (`revealSealed`).
 */
export const sealedForOwner = (service: string): PersonalDataAccess => ({
  keys: null,
  keepSealed: (subjectId) => subjectId.startsWith(`${service}.`),
});

const jsonTypeOf = (value: unknown): PersonalFieldType =>
  Array.isArray(value) ? 'array' : typeof value === 'object' ? 'object' : (typeof value as PersonalFieldType);

const placeholder = (type: PersonalFieldType, text: string): unknown => (type === 'string' ? text : null);

/** A copy of `data` with the values at the given locations replaced. */
function replaced(
  data: Record<string, unknown>,
  values: readonly PersonalValue[],
  by: (found: PersonalValue) => unknown,
): Record<string, unknown> {
  const copy = structuredClone(data);
  for (const found of values) {
    let node = copy as Record<string | number, unknown>;
    found.location.slice(0, -1).forEach((step) => (node = node[step] as Record<string | number, unknown>));
    node[found.location[found.location.length - 1]] = by(found);
  }
  return copy;
}

/**
 * The write side: the event's marked fields encrypted with its subject's key (created on first use),
 * each with its own IV. Returns `data` itself when the event has no marking or nothing to encrypt.
 * Throws (a programming error, never a user's) when the event carries personal data and there is no
 * key store, when the subject field is missing, or when a field's JSON type is not the marked one.
 */
export async function sealPersonalData(
  type: string,
  schemaVersion: number,
  data: Record<string, unknown>,
  keys: PersonalDataKeys | null,
  markings: PersonalDataMarkings = PERSONAL_DATA,
): Promise<Record<string, unknown>> {
  const marking = personalDataMarking(type, schemaVersion, markings);
  const values = marking ? personalValuesOf(marking, data).filter((found) => !isPersonalDataToken(found.value)) : [];
  if (!marking || values.length === 0) return data;
  const where = `${type} v${schemaVersion}`;
  if (!keys) throw new Error(`${where} carries personal data but no personal-data key store is configured`);
  const subject = subjectValueOf(marking, data);
  if (!subject) throw new Error(`${where} carries personal data without its subject ${marking.subject}`);
  for (const found of values) {
    if (jsonTypeOf(found.value) !== found.field.type) {
      throw new Error(`${where}: ${found.field.path} is marked ${found.field.type} but holds ${jsonTypeOf(found.value)}`);
    }
  }
  const key = await keys.getOrCreate(subjectIdOf(marking.scope, subject));
  return replaced(data, values, (found) => encryptField(key, found.value));
}

/** The marked fields of an envelope read with a key (or none): plaintext, `已删除` or `已脱敏`. */
function readWith<E extends EventEnvelope>(envelope: E, values: readonly PersonalValue[], allowed: boolean, key: SubjectKey | null): E {
  const data = replaced(envelope.data, values, ({ field, value }) => {
    if (!allowed) return placeholder(field.type, WITHHELD_PLACEHOLDER);
    if (!isPersonalDataToken(value)) return value; // recorded before the field was marked: as it was
    if (key && tokenKeyId(value) === key.keyId) return decryptField(key, value);
    return placeholder(field.type, ERASED_PLACEHOLDER); // the key that wrote it is erased
  });
  return { ...envelope, data };
}

type KeyCache = Map<string, Promise<SubjectKey | null>>;

async function reveal<E extends EventEnvelope>(
  envelope: E,
  access: PersonalDataAccess,
  markings: PersonalDataMarkings,
  cache: KeyCache,
): Promise<E> {
  const marking: PersonalDataMarking | undefined = personalDataMarking(envelope.type, envelope.schemaVersion, markings);
  const values = marking ? personalValuesOf(marking, envelope.data) : [];
  if (!marking || values.length === 0) return envelope;
  const subject = subjectValueOf(marking, envelope.data);
  const subjectId = subject ? subjectIdOf(marking.scope, subject) : null;
  if (subjectId && access.keepSealed?.(subjectId)) return envelope;
  const { keys } = access;
  const allowed = !!keys && !!subjectId && (access.mayRead?.(subjectId) ?? true);
  if (!allowed || !subjectId) return readWith(envelope, values, false, null);
  let key = cache.get(subjectId);
  if (!key) cache.set(subjectId, (key = keys.get(subjectId)));
  return readWith(envelope, values, true, await key);
}

/**
 * The read side, the one function every reader uses before upcasting: an envelope as stored or
 * received turned into plaintext for a reader holding the subject's key, `已删除` where that key is
 * erased, and `已脱敏` for a reader without the right. An event without a marking (or without
 * personal values) is returned as it is, the same object. The hash is left as stored: it covers the
 * ciphertext, which is why `verify` passes before and after an erasure.
 */
export function revealPersonalData<E extends EventEnvelope>(
  envelope: E,
  access: PersonalDataAccess,
  markings: PersonalDataMarkings = PERSONAL_DATA,
): Promise<E> {
  return reveal(envelope, access, markings, new Map());
}

/** `revealPersonalData` over a stream or batch, each subject's key fetched once. */
export async function revealEach<E extends EventEnvelope>(
  envelopes: readonly E[],
  access: PersonalDataAccess,
  markings: PersonalDataMarkings = PERSONAL_DATA,
): Promise<E[]> {
  const cache: KeyCache = new Map();
  const revealed: E[] = [];
  for (const envelope of envelopes) revealed.push(await reveal(envelope, access, markings, cache));
  return revealed;
}

/**
 * The synchronous reader without keys: every marked field `已脱敏` (for displays that must never show
 * ciphertext and hold no key). Unmarked events come back as they are.
 */
export function redactPersonalData<E extends EventEnvelope>(envelope: E, markings: PersonalDataMarkings = PERSONAL_DATA): E {
  const marking = personalDataMarking(envelope.type, envelope.schemaVersion, markings);
  const values = marking ? personalValuesOf(marking, envelope.data) : [];
  return values.length === 0 ? envelope : readWith(envelope, values, false, null);
}

/**
 * Ciphertext shown as `已脱敏`, plaintext left as it is: for displays (the audit timeline) that must
 * never print a token. A reader allowed to see the data reveals the envelope first.
 */
export function withholdSealed<E extends EventEnvelope>(envelope: E, markings: PersonalDataMarkings = PERSONAL_DATA): E {
  const marking = personalDataMarking(envelope.type, envelope.schemaVersion, markings);
  const sealed = marking ? personalValuesOf(marking, envelope.data).filter((found) => isPersonalDataToken(found.value)) : [];
  return sealed.length === 0 ? envelope : readWith(envelope, sealed, false, null);
}

/**
 * Tokens kept outside an event (a read model that stores its personal data sealed): every token in
 * `value` (any depth) read by the same rules as `revealPersonalData` — plaintext with the subject's
 * living key and the right to read it, `已删除` once the key that wrote it is erased, `已脱敏` for a
 * reader without the right. Everything else is returned as it is.
 */
export async function revealSealed<T>(value: T, subjectId: string, access: PersonalDataAccess): Promise<T> {
  const allowed = !!access.keys && (access.mayRead?.(subjectId) ?? true);
  let key: SubjectKey | null | undefined;
  const open = async (node: unknown): Promise<unknown> => {
    if (isPersonalDataToken(node)) {
      if (!allowed || !access.keys) return WITHHELD_PLACEHOLDER;
      if (key === undefined) key = await access.keys.get(subjectId);
      return key && tokenKeyId(node) === key.keyId ? decryptField(key, node) : ERASED_PLACEHOLDER;
    }
    if (Array.isArray(node)) return Promise.all(node.map(open));
    if (node && typeof node === 'object') {
      const entries = await Promise.all(Object.entries(node).map(async ([name, child]) => [name, await open(child)] as const));
      return Object.fromEntries(entries);
    }
    return node;
  };
  return (await open(value)) as T;
}
