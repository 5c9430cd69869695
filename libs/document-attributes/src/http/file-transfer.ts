import type { Request } from 'express';
import { cleanOriginalName, DomainError, formatSize, normaliseDeclaredMediaType } from '@gongkai/platform';
import type { Upload } from '../application/document-files';

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
