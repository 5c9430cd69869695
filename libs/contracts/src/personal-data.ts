import { EVENT_CONTRACTS, type ContractCheck, checkContract } from './registry';
import { serviceOfEventType } from './topics';
import { interpretationPersonalData } from './events/interpretation.personal-data';
import { requestsPersonalData } from './events/requests.personal-data';

/**
 * Personal data in events (个人信息保护法, issue 19): which fields of an event are personal, and whose.
 *
 * A marked field is stored encrypted with a key of its data subject (crypto-shredding): the command
 * handler encrypts it before the append, so the event store, its hash chain, Kafka and every copy
 * hold only ciphertext; erasing the subject's key erases the data everywhere at once while the
 * events and their hashes stay intact. Readers holding the key get the plaintext back; the others
 * get a placeholder (libs/platform/src/personal-data).
 *
 * Markings belong to the contracts, not to the writing service, because every reader must know
 * them: a consumer validates a message whose marked fields hold ciphertext.
 */

/** How a marked field reads once its subject's key is erased. */
export const ERASED_PLACEHOLDER = '已删除';
/** How a marked field reads for a reader without the right to see it (or without the key). */
export const WITHHELD_PLACEHOLDER = '已脱敏';

/** The JSON type of a marked field's value: a string reads as the placeholder, anything else as null. */
export type PersonalFieldType = 'string' | 'number' | 'boolean' | 'object' | 'array';

export interface PersonalDataMarking {
  /**
   * Dot path of the field naming the data subject: a non-empty string (the applicant identity HMAC,
   * a commenter reference). Never itself personal plaintext, never marked: it is how the key is found.
   */
  subject: string;
  /**
   * Namespace of the subject, `<service>.<kind>` of the event's own service (`requests.applicant`):
   * the subject id is `<scope>/<subject value>`, so an applicant of the requests service and a
   * commenter of interpretation never share a key, and a service's readers are granted its scopes.
   */
  scope: string;
  /**
   * The personal fields, by dot path (`applicant.name`); `[]` steps into every element of an array
   * (`attendees[].name`). A plain path is a string field; `{ path, type }` names another JSON type.
   * Absent and null values are left as they are.
   */
  fields: readonly (string | { path: string; type: PersonalFieldType })[];
}

/** Markings by event type and schema version (the version the event is stored at). */
export type PersonalDataMarkings = Readonly<Record<string, Readonly<Record<number, PersonalDataMarking>>>>;

/** A marked field resolved: its path split into steps (`[]` = every array element) and its type. */
export interface PersonalField {
  path: string;
  steps: readonly string[];
  type: PersonalFieldType;
}

/**
 * The stored form of one encrypted field: `enc:v1:<keyId>:<iv>:<ciphertext>:<tag>`, base64url parts,
 * a 96-bit IV and a 128-bit AES-GCM tag. The ciphertext is the field's JSON, so decryption restores
 * its type exactly.
 */
export const PERSONAL_DATA_TOKEN = /^enc:v1:([A-Za-z0-9_-]{1,64}):([A-Za-z0-9_-]{16}):([A-Za-z0-9_-]*):([A-Za-z0-9_-]{22})$/;

export const isPersonalDataToken = (value: unknown): value is string => typeof value === 'string' && PERSONAL_DATA_TOKEN.test(value);

const PATH = /^[A-Za-z_][A-Za-z0-9_]*(\[\])?(\.[A-Za-z_][A-Za-z0-9_]*(\[\])?)*$/;
const SCOPE = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/;

const registered: Record<string, Record<number, PersonalDataMarking>> = {};

/** Every marking registered in this process (the default of the functions below). */
export const PERSONAL_DATA: PersonalDataMarkings = registered;

/**
 * Registers a service's markings. Called from the contracts (a `<service>.personal-data.ts` next to
 * the service's events, imported by the contracts index) so writer and readers know the same
 * markings. Refuses an unknown event type or version, a malformed path, a marked subject, and a
 * different marking for a type and version already marked; registering the same marking again is
 * harmless.
 */
export function registerPersonalData(markings: PersonalDataMarkings): void {
  for (const [type, versions] of Object.entries(markings)) {
    for (const [version, marking] of Object.entries(versions)) {
      const where = `${type} v${version}`;
      if (!EVENT_CONTRACTS[type]?.[Number(version)]) throw new Error(`personal data of ${where}: no such event contract`);
      if (!SCOPE.test(marking.scope) || !marking.scope.startsWith(`${serviceOfEventType(type)}.`)) {
        throw new Error(`personal data of ${where}: scope ${marking.scope} must be ${serviceOfEventType(type)}.<kind> in lower case`);
      }
      if (!PATH.test(marking.subject) || marking.subject.includes('[]')) {
        throw new Error(`personal data of ${where}: subject ${marking.subject} must be a plain dot path`);
      }
      const fields = personalFieldsOf(marking);
      if (fields.length === 0) throw new Error(`personal data of ${where}: no fields`);
      for (const field of fields) {
        if (!PATH.test(field.path)) throw new Error(`personal data of ${where}: malformed path ${field.path}`);
        if (field.path === marking.subject || marking.subject.startsWith(`${field.path}.`)) {
          throw new Error(`personal data of ${where}: the subject ${marking.subject} must not be encrypted`);
        }
      }
      const existing = registered[type]?.[Number(version)];
      if (existing && JSON.stringify(existing) !== JSON.stringify(marking)) {
        throw new Error(`personal data of ${where}: already marked differently`);
      }
      registered[type] = { ...registered[type], [Number(version)]: marking };
    }
  }
}

/** The marking of an event as stored, or undefined when it holds no personal data. */
export function personalDataMarking(
  type: string,
  schemaVersion: number,
  markings: PersonalDataMarkings = PERSONAL_DATA,
): PersonalDataMarking | undefined {
  return markings[type]?.[schemaVersion];
}

export function personalFieldsOf(marking: PersonalDataMarking): PersonalField[] {
  return marking.fields.map((field) => {
    const { path, type } = typeof field === 'string' ? { path: field, type: 'string' as const } : field;
    return { path, type, steps: path.split('.').flatMap((step) => (step.endsWith('[]') ? [step.slice(0, -2), '[]'] : [step])) };
  });
}

/** A value found at a marked path: where it sits (concrete path, array indexes resolved) and what it is. */
export interface PersonalValue {
  field: PersonalField;
  location: readonly (string | number)[];
  value: unknown;
}

/** Every present (not undefined, not null) value at the marked fields of `data`. */
export function personalValuesOf(marking: PersonalDataMarking, data: unknown): PersonalValue[] {
  const found: PersonalValue[] = [];
  const walk = (field: PersonalField, node: unknown, step: number, location: (string | number)[]): void => {
    if (node === undefined || node === null) return;
    if (step === field.steps.length) {
      found.push({ field, location, value: node });
      return;
    }
    const name = field.steps[step];
    if (name === '[]') {
      if (Array.isArray(node)) node.forEach((element, index) => walk(field, element, step + 1, [...location, index]));
      return;
    }
    if (typeof node === 'object' && !Array.isArray(node))
      walk(field, (node as Record<string, unknown>)[name], step + 1, [...location, name]);
  };
  for (const field of personalFieldsOf(marking)) walk(field, data, 0, []);
  return found;
}

/** The subject value at the marking's subject path, or null when absent or not a non-empty string. */
export function subjectValueOf(marking: PersonalDataMarking, data: unknown): string | null {
  let node: unknown = data;
  for (const step of marking.subject.split('.')) {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return null;
    node = (node as Record<string, unknown>)[step];
  }
  return typeof node === 'string' && node.length > 0 ? node : null;
}

/**
 * The contract check of an event as stored or received: the schema validates the plaintext (the
 * command handler checks it before encrypting), so a marked field that holds an encryption token is
 * accepted as it is, and every other field is checked as usual. For an event without a marking, or
 * without a token in it, this is exactly `checkContract`.
 */
export function checkStoredContract(
  type: string,
  schemaVersion: number,
  data: unknown,
  markings: PersonalDataMarkings = PERSONAL_DATA,
): ContractCheck {
  const marking = personalDataMarking(type, schemaVersion, markings);
  const sealed = marking ? personalValuesOf(marking, data).filter((found) => isPersonalDataToken(found.value)) : [];
  if (sealed.length === 0) return checkContract(type, schemaVersion, data);
  const result = EVENT_CONTRACTS[type][schemaVersion].safeParse(data);
  if (result.success) return { ok: true };
  const underToken = (path: readonly PropertyKey[]) =>
    sealed.some(({ location }) => location.length <= path.length && location.every((step, i) => step === path[i]));
  const issues = result.error.issues.filter((issue) => !underToken(issue.path));
  if (issues.length === 0) return { ok: true };
  return { ok: false, reason: issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') };
}

// The markings of the services' events, registered once with the contracts (every reader knows them).
registerPersonalData(requestsPersonalData);
registerPersonalData(interpretationPersonalData);
