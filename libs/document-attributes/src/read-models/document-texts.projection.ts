import type { Connection } from 'mongoose';
import type { EventEnvelope } from '@gongkai/contracts';
import { asTyped, indexTokensYielding, type BlobStore, type Projection, type TypedEnvelope } from '@gongkai/platform';
import type { DocumentFileAttached } from '@gongkai/contracts';
import { extractText } from '../application/text-extraction';

type Handled = TypedEnvelope<'document-attributes.DocumentFileAttached', DocumentFileAttached>;

/**
 * The text of every attached file, extracted once per file (keyed by its SHA-256: the same bytes have
 * the same text), from the blob store, with its search tokens (jieba, segmented here once, so that the
 * portal's search index loads without segmenting anything). Derived data: a rebuild extracts and
 * segments it again. Whether a text may be
 * shown or searched is not decided here: only the documents read model's public files are (see
 * `publicFilesOf`), so the text of a redacted original is kept for staff but never reaches the portal.
 */
export class DocumentTextsProjection implements Projection {
  readonly name = 'document-attributes.document-texts';
  readonly collections = ['document_texts'];
  readonly eventTypes = ['document-attributes.DocumentFileAttached'];

  /** Told of each newly extracted text (the documents read model re-indexes the public documents that publish the file). */
  onExtracted: ((sha256: string) => Promise<void>) | null = null;

  constructor(
    private readonly connection: Connection,
    private readonly blobs: BlobStore,
  ) {}

  /** The same projection on another database (audit replays: as-of, rebuild compare), reading the same blob store. */
  withConnection(connection: Connection): DocumentTextsProjection {
    return new DocumentTextsProjection(connection, this.blobs);
  }

  private get texts() {
    return this.connection.collection('document_texts');
  }

  async handle(envelope: EventEnvelope): Promise<void> {
    const event = asTyped<Handled>(envelope);
    const { sha256, mediaType } = event.data.file;
    if (await this.texts.findOne({ _id: sha256 as never }, { projection: { _id: 1 } })) return;
    const bytes = await this.blobs.getBytes(sha256);
    // A file missing from the store is the audit's finding (verify names it); the text stays empty.
    const { text, extracted } = bytes ? await extractText(bytes, mediaType) : { text: '', extracted: false };
    const tokens = extracted ? await indexTokensYielding(text) : [];
    await this.texts.updateOne({ _id: sha256 as never }, { $setOnInsert: { text, extracted, tokens } }, { upsert: true });
    if (extracted) await this.onExtracted?.(sha256);
  }

  /** The extracted text of a file, or null if none was extracted (yet). */
  async textOf(sha256: string): Promise<string | null> {
    const doc = await this.texts.findOne({ _id: sha256 as never });
    return doc && doc.extracted ? (doc.text as string) : null;
  }
}
