import type { Readable } from 'node:stream';
import { DomainError, type BlobRef, type BlobStore } from '@gongkai/platform';

/** What a scanned application may be: a PDF or a photograph of the paper. */
export const SCAN_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

/**
 * The scanned applications of paper, letter, fax and counter requests, in the file store (BlobStore:
 * the file system in the standalone, S3 in production). Uploaded before the registration, which
 * names the file by its hash; the event carries the reference only, never the bytes.
 */
export class RequestScans {
  constructor(private readonly files: Pick<BlobStore, 'put'>) {}

  /**
   * Stores the upload (refused unless its bytes are a PDF, JPEG or PNG as declared) and answers its
   * reference. `name` is the original file name (the `?name=` query parameter, decoded). It often
   * names the applicant: the registration's event seals it with the applicant's key, and the file is
   * deleted with the applicant's personal data (issue 19).
   */
  async upload(body: Readable, declaredType: string, name: string): Promise<BlobRef> {
    const type = declaredType.split(';')[0].trim().toLowerCase();
    if (!(SCAN_MEDIA_TYPES as readonly string[]).includes(type)) {
      body.resume();
      throw DomainError.validation('SCAN_TYPE_NOT_ALLOWED', '申请书扫描件只能是 PDF、JPEG 或 PNG 文件。');
    }
    return this.files.put(body, { declaredMediaType: type, originalName: name });
  }
}
