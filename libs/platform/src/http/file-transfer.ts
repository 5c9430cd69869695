import type { Readable } from 'node:stream';
import { z } from 'zod';
import { multiLineText, redactionSchema, singleLineText } from '@gongkai/contracts';
import type { Request } from 'express';
import { cleanOriginalName, formatSize, normaliseDeclaredMediaType } from '../blobs';
import { DomainError } from '../errors/domain-error';

/** An upload's query: the name the file had (the bytes are the request body, its Content-Type the declared type). */
export const uploadQuery = z.object({ name: singleLineText(255, 1) });
/** A stored file's address in a path: the lower-case hex SHA-256 of its bytes. */
export const fileHashParam = z.string().regex(/^[0-9a-f]{64}$/);
/**
 * The redactions of a redacted file, as JSON in the query (the body is the file), each with its
 * Arts. 14–16 ground: `[{"ground":"PERSONAL_PRIVACY","description":"…"}]`.
 */
export const redactionsQueryParam = z
  .string()
  .max(20_000)
  .transform((value, ctx) => {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: '删除处理的依据应为 JSON 数组' });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .array(redactionSchema.extend({ description: multiLineText(300, 2) }))
      .min(1)
      .max(50),
  );

/** An upload as the application receives it: the request's bytes, the declared type, the original name (`?name=`). */
export interface Upload {
  content: Readable;
  declaredMediaType: string;
  originalName: string;
}

/**
 * The request's body as an upload: refusals that need no byte (no or a refused declared type, a bad
 * name, a Content-Length over the limit) are answered before reading, the body drained, so that the
 * client reads the zh-CN refusal instead of a reset connection.
 */
export function uploadOf(request: Request, name: string, maxBytes: number): Upload {
  const declaredMediaType = request.headers['content-type'] ?? '';
  const refusal = (() => {
    const declared = normaliseDeclaredMediaType(declaredMediaType);
    if (declared instanceof DomainError) return declared;
    try {
      cleanOriginalName(name);
    } catch (error) {
      return error as DomainError;
    }
    const length = Number(request.headers['content-length'] ?? NaN);
    if (length > maxBytes) {
      return new DomainError('validation', 'BLOB_TOO_LARGE', `文件过大：单个文件不得超过 ${formatSize(maxBytes)}。`, [], {
        status: 413,
        maxBytes,
      });
    }
    return null;
  })();
  if (refusal) {
    request.resume();
    throw refusal;
  }
  return { content: request, declaredMediaType, originalName: name };
}
