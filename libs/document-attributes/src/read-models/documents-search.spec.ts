import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import mongoose, { type Connection } from 'mongoose';
import type { EventEnvelope, FileRef as StoredFile } from '@gongkai/contracts';
import { FileSystemBlobStore, indexTokens, indexTokensYielding } from '@gongkai/platform';
import { requireInfra } from '@gongkai/platform/testing';
import { DocumentTextsProjection } from './document-texts.projection';
import { DocumentsProjection } from './documents.projection';

const PUBLIC_TEXT = '城乡最低生活保障标准提高到每人每月860元。\n由镇街道逐户复核家庭经济状况，复核结果张榜公示。';
const WITHHELD_TEXT = '内部工作方案：试点乡镇名单暂不公开，专项督查安排另行通知。';
const DRAFT_TEXT = '征求意见稿：拟调整公租房保障范围，草案尚未定稿。';

let position = 0;
function envelope(documentId: string, revision: number, type: string, data: Record<string, unknown>): EventEnvelope {
  position += 1;
  return {
    eventId: `e-${position}`,
    type: `document-attributes.${type}`,
    schemaVersion: 1,
    streamId: `document-attributes.document-${documentId}`,
    streamRevision: revision,
    globalPosition: position,
    recordedAt: '2026-03-02T02:00:00.000Z',
    occurredAt: '2026-03-02T02:00:00.000Z',
    actor: { userId: 'wang', role: 'clerk', unitId: 'TEZ-MZJ' },
    correlationId: 'c',
    causationId: null,
    data,
    prevHash: '0'.repeat(64),
    hash: '0'.repeat(64),
  };
}

/** A document's history: registered with a body; with `attribute`, reviewed and issued with it. */
function history(documentId: string, title: string, file: StoredFile, attribute: '主动公开' | '依申请公开' | null): EventEnvelope[] {
  const unitId = 'TEZ-MZJ';
  const events = [
    envelope(documentId, 0, 'DocumentRegistered', {
      documentId,
      unitId,
      title,
      documentNumber: `台民发〔2026〕${documentId.length}号`,
      documentType: '其他',
      catalogueItemIds: [],
      needsInterpretation: false,
      forwardsDocumentId: null,
      draftedBy: 'wang',
      topic: '民政、扶贫、救灾',
    }),
    envelope(documentId, 1, 'DocumentFileAttached', {
      documentId,
      unitId,
      role: 'body',
      annexId: null,
      title: '正文',
      file,
      redactions: [],
      attachedBy: 'wang',
    }),
  ];
  if (!attribute) return events;
  return [
    ...events,
    envelope(documentId, 2, 'ConfidentialityReviewed', {
      documentId,
      unitId,
      outcome: 'approved',
      attribute,
      previousAttribute: attribute,
      legalBasis: attribute === '主动公开' ? null : 'INTERNAL_AFFAIRS',
      reason: attribute === '主动公开' ? null : '内部事务信息',
      redactedAnnexes: [],
      reviewedBy: 'li',
    }),
    envelope(documentId, 3, 'DocumentIssued', {
      documentId,
      unitId,
      title,
      documentNumber: '',
      documentType: '其他',
      attribute,
      marking: attribute === '主动公开' ? '（此件公开发布）' : '（此件依申请公开）',
      needsInterpretation: false,
      approvedBy: 'zhao',
      issuedOn: '2026-03-02',
      publicationDueOn: '2026-03-30',
      indexNumber: `${unitId}/2026-0000${documentId.length}`,
      publishedFiles: { body: file, annexes: [] },
    }),
  ];
}

/**
 * The portal's document search as projected (real FerretDB, real file store): the tokens are computed
 * when the read models are projected and stored with them; the index loads from the stored tokens
 * (a restart segments nothing), a rebuild stores the same tokens, and only public documents' texts
 * are ever indexed.
 */
describe('document search tokens, stored when projected', () => {
  let connection: Connection;
  let blobDir: string;
  let blobs: FileSystemBlobStore;
  const hits = async (documents: DocumentsProjection, q: string) => (await documents.searchPublic(q, {}, 20)).map((h) => h.documentId);
  const events: EventEnvelope[] = [];

  /** The two read models of the search, fed as the consumer feeds them: the texts first. */
  async function project(on: Connection, batch: EventEnvelope[]) {
    const texts = new DocumentTextsProjection(on, blobs);
    const documents = new DocumentsProjection(on);
    texts.onExtracted = (sha256) => documents.textExtracted(sha256);
    for (const event of batch) if (texts.eventTypes.includes(event.type)) await texts.handle(event);
    await documents.handleBatch(batch);
    return documents;
  }

  beforeAll(async () => {
    const dbName = `t-docsearch-${Date.now().toString(36)}`;
    connection = await mongoose.createConnection(requireInfra().mongodbUrl, { dbName }).asPromise();
    blobDir = mkdtempSync(join(tmpdir(), 'gk-docsearch-'));
    blobs = new FileSystemBlobStore(blobDir);
    const put = async (text: string, name: string): Promise<StoredFile> => {
      const stored = await blobs.put(Readable.from([Buffer.from(text, 'utf8')]), { declaredMediaType: 'text/plain', originalName: name });
      return { sha256: stored.sha256, size: stored.size, mediaType: stored.mediaType, originalName: stored.originalName };
    };
    events.push(
      ...history('pub', '关于调整城乡困难群众救助标准的通知（示例）', await put(PUBLIC_TEXT, 'a.txt'), '主动公开'),
      ...history('held', '试点工作方案（示例）', await put(WITHHELD_TEXT, 'b.txt'), '依申请公开'),
      ...history('draft', '公租房保障范围调整意见（示例）', await put(DRAFT_TEXT, 'c.txt'), null),
    );
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
    rmSync(blobDir, { recursive: true, force: true });
  });

  it('stores the tokens with the text and the title, finds public words only, and reloads them without segmenting', async () => {
    const running = await project(connection, events);
    const stored = await connection.collection('document_texts').find({}).toArray();
    expect(stored).toHaveLength(3);
    for (const doc of stored) expect(new Set(doc.tokens as string[])).toEqual(new Set(indexTokens(doc.text as string)));
    const view = await connection.collection('documents').findOne({ _id: 'pub' as never });
    expect(view?.titleTokens).toEqual(expect.arrayContaining(['救助', '标准']));
    // The staff view does not show them.
    expect(await running.get('pub')).not.toHaveProperty('titleTokens');

    expect(await hits(running, '复核')).toEqual(['pub']);
    expect(await hits(running, '低保')).toEqual(['pub']);
    expect(await hits(running, '督查')).toEqual([]); // 依申请公开
    expect(await hits(running, '公租房')).toEqual([]); // a draft (the body's words and the title's)

    // A restart: a new projection loads the index from what is stored. The proof that nothing is
    // segmented again: a stored token that is not in the text is found, as stored.
    await connection.collection('document_texts').updateMany({}, { $push: { tokens: 'storedonlytoken' } as never });
    const restarted = new DocumentsProjection(connection);
    expect(await hits(restarted, 'storedonlytoken')).toEqual(['pub']);
    expect(await hits(restarted, '复核')).toEqual(['pub']);
    expect(await hits(restarted, '督查')).toEqual([]);
    expect(await hits(restarted, '公租房')).toEqual([]);
  });

  it('a rebuild of the read models stores the same tokens', async () => {
    const rebuilt = connection.useDb(`${connection.name}-rebuild`);
    try {
      await project(rebuilt, events);
      const tokensOf = async (on: Connection) =>
        Object.fromEntries(
          (await on.collection('document_texts').find({}).toArray()).map((d) => [String(d._id), [...(d.tokens as string[])].sort()]),
        );
      const original = await tokensOf(connection);
      for (const id of Object.keys(original)) original[id] = original[id].filter((t) => t !== 'storedonlytoken');
      expect(await tokensOf(rebuilt)).toEqual(original);
      const titles = async (on: Connection) =>
        Object.fromEntries((await on.collection('documents').find({}).toArray()).map((d) => [String(d._id), d.titleTokens]));
      expect(await titles(rebuilt)).toEqual(await titles(connection));
    } finally {
      await rebuilt.dropDatabase();
    }
  });

  it('segments a long text in pieces, yielding, into the same words as at once', async () => {
    const long = Array.from({ length: 40 }, (_, i) => `第${i}条 ${PUBLIC_TEXT}${WITHHELD_TEXT}`).join('\n');
    expect(new Set(await indexTokensYielding(long))).toEqual(new Set(indexTokens(long)));
  });
});
