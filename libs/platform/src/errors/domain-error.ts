/**
 * The one error type of gongkai. Deciders return it, command handlers and adapters throw it,
 * and the HTTP layer turns it into RFC 9457 problem+json. `code` is stable English for machines;
 * `detail` is simplified Chinese for people.
 */
export type ErrorKind =
  | 'validation' // the input is malformed or incomplete (400)
  | 'unauthenticated' // no or bad credentials (401)
  | 'forbidden' // authenticated, but not allowed (403)
  | 'not_found' // (404)
  | 'conflict' // concurrent change or duplicate (409)
  | 'rule' // well-formed, but a domain rule refuses it (422)
  | 'too_many' // rate limit (429)
  | 'unavailable'; // a dependency is down (503)

export interface FieldError {
  /** JSON path of the offending field, e.g. `items.3.channel` */
  field: string;
  code: string;
  /** zh-CN */
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    readonly detail: string,
    readonly fieldErrors: FieldError[] = [],
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(`${code}: ${detail}`);
    this.name = 'DomainError';
  }

  static validation(code: string, detail: string, fieldErrors: FieldError[] = []): DomainError {
    return new DomainError('validation', code, detail, fieldErrors);
  }
  static rule(code: string, detail: string, extensions: Record<string, unknown> = {}): DomainError {
    return new DomainError('rule', code, detail, [], extensions);
  }
  static notFound(code: string, detail: string): DomainError {
    return new DomainError('not_found', code, detail);
  }
  static forbidden(code: string, detail: string): DomainError {
    return new DomainError('forbidden', code, detail);
  }
  static conflict(code: string, detail: string, extensions: Record<string, unknown> = {}): DomainError {
    return new DomainError('conflict', code, detail, [], extensions);
  }
}
