import type { Response } from 'express';
import { blobNotFound, type BlobContent, type BlobStore } from '../blobs/blob-store';

/** Sends a stored file as a download (never rendered by the browser: attachment, nosniff, its recognised type). */
export async function sendFile(
  response: Response,
  blobs: BlobStore,
  file: { sha256: string; mediaType: string; originalName: string },
): Promise<void> {
  const content = await blobs.get(file.sha256);
  if (!content) throw blobNotFound();
  await sendContent(response, file, content);
}

/** Sends a file already read from the store, as `sendFile` does (a route that checks or records something between reading and sending). */
export async function sendContent(
  response: Response,
  file: { sha256: string; mediaType: string; originalName: string },
  content: BlobContent,
): Promise<void> {
  response.status(200);
  response.setHeader('Content-Type', file.mediaType);
  response.setHeader('Content-Length', String(content.size));
  response.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.originalName)}`);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('ETag', `"${file.sha256}"`);
  response.setHeader('Digest', `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`);
  await new Promise<void>((resolve, reject) => {
    content.stream.once('error', reject);
    response.once('finish', resolve);
    response.once('close', resolve);
    content.stream.pipe(response);
  });
}
