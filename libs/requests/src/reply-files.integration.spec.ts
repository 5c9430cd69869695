import { createHash } from 'node:crypto';
import { chmodSync, writeFileSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import JSZip from 'jszip';
import request from 'supertest';
import { createApp, EVENT_STORE, verifyFiles, type EventStore, type FileSystemBlobStore } from '@gongkai/platform';
import { eventually, isolatedEnv, tokenFor } from '@gongkai/platform/testing';
import { requestStreamId } from './domain/request';
import { REQUESTS_BLOB_STORE } from './application/settings';
import { RequestsModule } from './requests.module';
import { knownUnits } from './testing/known-units';

const UNIT = 'TEZ-ZSZ';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const binary = (res: request.Response, cb: (e: Error | null, b: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
/** A problem's body without what echoes the request itself (its path and correlation id). */
const problemOf = (body: Record<string, unknown>) => {
  const { instance: _i, correlationId: _c, ...rest } = body;
  return rest;
};

/**
 * A reply that supplies information (issue 21.5), over the real Kafka, FerretDB and file store: the
 * handler attaches two files to a 部分公开 draft and redacts one; the applicant downloads both with the
 * tracking code and receives the redacted bytes; another code, a random one and the original's hash all
 * get one 404; the reply letter lists both files; the first download of each is on the case's timeline.
 */
describe('reply files over HTTP', () => {
  let app: INestApplication;
  let store: EventStore;
  let clerk: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    ({ app } = await createApp({ shape: 'requests', title: 'reply files test', modules: () => [RequestsModule] }, isolatedEnv()));
    await app.init();
    await knownUnits(app, [UNIT]);
    store = app.get(EVENT_STORE);
    clerk = await tokenFor('clerk', UNIT);
  }, 120000);
  afterAll(() => app?.close());

  const file = async (description: string) => {
    const filed = await http()
      .post('/api/requests/public')
      .send({
        unitId: UNIT,
        applicant: { type: '自然人', name: '李明', phone: '13912345678' },
        description,
        preferredForm: '电子',
        delivery: '网上获取',
      })
      .expect(201);
    return filed.body as { requestId: string; trackingCode: string };
  };
  const act = (requestId: string, action: string, body: object, token = clerk) =>
    http().post(`/api/requests/${requestId}/${action}`).set('Authorization', `Bearer ${token}`).send(body);
  const upload = (path: string, bytes: Buffer) =>
    http().post(path).set('Authorization', `Bearer ${clerk}`).set('Content-Type', 'text/plain; charset=utf-8').send(bytes);

  it('delivers two files, one redacted, by tracking code only; the letter lists them; the first download of each is recorded', async () => {
    const mine = await file('2025年张山子镇农村危房改造补助对象名单及施工合同');
    const other = await file('2025年张山子镇道路硬化工程招标文件');
    const id = mine.requestId;
    await act(id, 'assign', { handlerId: 'clerk-TEZ-ZSZ', handlerName: '王芳' }).expect(200);

    // No draft yet: refused before any byte is stored, and nothing recorded.
    const list = Buffer.from('2025年农村危房改造补助对象名单（示例）\n张山子村 5户\n', 'utf8');
    const before = await store.headPosition();
    const early = await upload(`/api/requests/${id}/reply-files?name=${encodeURIComponent('补助对象名单.txt')}`, list);
    expect([early.status, early.body.code]).toEqual([422, 'REQUEST_WRONG_STATUS']);
    expect(early.body.detail).toMatch(/[\u4e00-\u9fa5]/);
    expect(await store.headPosition()).toBe(before);

    await act(id, 'draft-reply', {
      category: 'partial',
      withheld: [{ item: '施工合同中承包人法定代表人的身份证号码', ground: 'withhold.third_party', reason: '涉及个人隐私' }],
      content: '现将补助对象名单和施工合同（已作删除处理）提供给您。',
    }).expect(200);
    const first = await upload(`/api/requests/${id}/reply-files?name=${encodeURIComponent('补助对象名单.txt')}`, list).expect(201);
    expect(first.body.file).toEqual({ sha256: sha256(list), size: list.length, mediaType: 'text/plain', originalName: '补助对象名单.txt' });
    const contract = Buffer.from('施工合同（示例）\n承包人：枣庄某建筑公司 法定代表人 张三 370405198001011234\n', 'utf8');
    const redacted = Buffer.from('施工合同（示例）\n承包人：枣庄某建筑公司 法定代表人 张某 ■■■■■■■■■■■■■■■■■■\n', 'utf8');
    const second = await upload(`/api/requests/${id}/reply-files?name=${encodeURIComponent('施工合同.txt')}`, contract).expect(201);
    const redactions = JSON.stringify([{ ground: 'PERSONAL_PRIVACY', description: '删除了法定代表人的身份证号码' }]);
    await http()
      .put(
        `/api/requests/${id}/reply-files/${second.body.fileId}/redacted?name=${encodeURIComponent('施工合同（删除处理）.txt')}&redactions=${encodeURIComponent(redactions)}`,
      )
      .set('Authorization', `Bearer ${clerk}`)
      .set('Content-Type', 'text/plain')
      .send(redacted)
      .expect(200);
    // A third file, then taken off the draft again.
    const draftNote = Buffer.from('内部讨论稿，不提供\n', 'utf8');
    const third = await upload(`/api/requests/${id}/reply-files?name=${encodeURIComponent('讨论稿.txt')}`, draftNote).expect(201);
    await http().delete(`/api/requests/${id}/reply-files/${third.body.fileId}`).set('Authorization', `Bearer ${clerk}`).expect(200);

    await act(id, 'review', { approved: true }, await tokenFor('reviewer', UNIT)).expect(200);
    // Approved: the files are fixed.
    const late = await upload(`/api/requests/${id}/reply-files?name=late.txt`, draftNote);
    expect([late.status, late.body.code]).toEqual([422, 'REPLY_FILES_FIXED']);
    await act(id, 'reply', {}).expect(200);

    // The tracking page lists the published files: the redacted version, with its ground.
    const tracked = await eventually(async () => {
      const res = await http().get(`/api/requests/track/${encodeURIComponent(mine.trackingCode)}`);
      return res.status === 200 && res.body.files.length === 2 ? res.body : undefined;
    });
    expect(tracked.files).toEqual([
      { fileId: first.body.fileId, file: first.body.file, redactions: [] },
      {
        fileId: second.body.fileId,
        file: { sha256: sha256(redacted), size: redacted.length, mediaType: 'text/plain', originalName: '施工合同（删除处理）.txt' },
        redactions: ['涉及个人隐私（《政府信息公开条例》第十五条）：删除了法定代表人的身份证号码'],
      },
    ]);
    expect(JSON.stringify(tracked)).not.toContain(sha256(contract));

    // The applicant downloads both with the code: the list as uploaded, the contract's redacted bytes.
    const download = (code: string, hash: string) =>
      http()
        .get(`/api/requests/track/${encodeURIComponent(code)}/files/${hash}`)
        .buffer(true)
        .parse(binary);
    const gotList = await download(mine.trackingCode, sha256(list)).expect(200);
    expect(Buffer.compare(gotList.body, list)).toBe(0);
    expect(gotList.headers['content-disposition']).toContain(encodeURIComponent('补助对象名单.txt'));
    const gotContract = await download(mine.trackingCode, sha256(redacted)).expect(200);
    expect(Buffer.compare(gotContract.body, redacted)).toBe(0);
    await download(mine.trackingCode, sha256(redacted)).expect(200); // a second download: served, not recorded again

    // Another valid code, a random code, the original's hash, a malformed hash: one 404, the same body.
    const misses = await Promise.all([
      download(other.trackingCode, sha256(list)),
      download('ZZZZ-ZZZZ-ZZZZ', sha256(list)),
      download(mine.trackingCode, sha256(contract)),
      download(mine.trackingCode, sha256(draftNote)),
      download(mine.trackingCode, 'not-a-hash'),
    ]);
    const bodies = misses.map((res) => {
      expect(res.status).toBe(404);
      return problemOf(JSON.parse(res.body.toString('utf8')) as Record<string, unknown>);
    });
    expect(bodies[0]).toMatchObject({ code: 'REPLY_FILE_NOT_FOUND', detail: '查询码不正确或文件不存在，请核对后重试。' });
    for (const body of bodies) expect(body).toEqual(bodies[0]);
    // The staff still read the original.
    const staffOriginal = await http()
      .get(`/api/requests/${id}/reply-files/${sha256(contract)}`)
      .set('Authorization', `Bearer ${clerk}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(Buffer.compare(staffOriginal.body, contract)).toBe(0);

    // Delivery by download: one event per file (the first download), with its time, on the timeline.
    const downloads = (await store.readStream(requestStreamId(id))).filter((e) => e.type === 'requests.ReplyFileDownloaded');
    expect(downloads.map((e) => (e.data as { file: { sha256: string } }).file.sha256)).toEqual([sha256(list), sha256(redacted)]);
    expect(downloads.every((e) => e.actor.role === 'public')).toBe(true);
    const detail = await eventually(async () => {
      const res = await http().get(`/api/requests/${id}`).set('Authorization', `Bearer ${clerk}`);
      return res.body.replyFiles?.every((f: { downloadedAt?: string }) => f.downloadedAt) ? res.body : undefined;
    });
    expect(detail.history.filter((h: { type: string }) => h.type === 'ReplyFileDownloaded')).toHaveLength(2);
    expect(detail.replyFiles[1]).toMatchObject({
      file: { sha256: sha256(contract) },
      redacted: { file: { sha256: sha256(redacted) } },
      downloadedAt: (downloads[1].data as { downloadedAt: string }).downloadedAt,
    });

    // The reply letter (.docx, parsed back) lists both files, the redacted one with its ground.
    const letter = await http()
      .get(`/api/requests/${id}/letters/reply`)
      .set('Authorization', `Bearer ${clerk}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const xml = await (await JSZip.loadAsync(letter.body)).file('word/document.xml')!.async('string');
    expect(xml).toContain('随本答复提供以下政府信息（共2个文件，可凭查询码在网上下载）：');
    expect(xml).toContain(`1. 补助对象名单.txt（${list.length} 字节）`);
    expect(xml).toContain(
      `2. 施工合同（删除处理）.txt（${redacted.length} 字节，已作删除处理，删除依据：涉及个人隐私（《政府信息公开条例》第十五条））`,
    );

    // The audit's file check covers the reply's files (attached, redacted, published, downloaded), and names an altered one.
    const blobs = app.get<FileSystemBlobStore>(REQUESTS_BLOB_STORE);
    const verified = await verifyFiles(store, blobs);
    expect(verified.findings).toEqual([]);
    expect(verified.files).toBe(4);
    // Altering the redacted file's bytes: named at every event that refers to it (redacted, issued, downloaded).
    const redactedPath = blobs.pathOf(sha256(redacted));
    chmodSync(redactedPath, 0o644);
    writeFileSync(redactedPath, '施工合同（示例）\n承包人：枣庄某建筑公司 法定代表人 张三\n');
    const altered = await verifyFiles(store, blobs);
    expect(altered.findings.map((f) => [f.streamId, f.eventType, f.path, f.originalName, f.problem])).toEqual([
      [requestStreamId(id), 'requests.ReplyFileRedacted', 'file', '施工合同（删除处理）.txt', 'altered'],
      [requestStreamId(id), 'requests.ReplyIssued', 'files[1].file', '施工合同（删除处理）.txt', 'altered'],
      [requestStreamId(id), 'requests.ReplyFileDownloaded', 'file', '施工合同（删除处理）.txt', 'altered'],
    ]);
  }, 120000);
});
