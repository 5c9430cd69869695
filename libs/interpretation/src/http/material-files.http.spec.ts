import { createHash } from 'node:crypto';
import { chmodSync, writeFileSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { BLOB_STORE, createApp, EVENT_STORE, verifyFiles, type EventStore, type FileSystemBlobStore } from '@gongkai/platform';
import { eventually, isolatedEnv, newEvent, tokenFor } from '@gongkai/platform/testing';
import { toShanghaiDate } from '@gongkai/working-days';
import { obligationStreamId } from '../domain/obligation';
import { InterpretationModule } from '../interpretation.module';

/** 1×1 PNG: a 图解 as the blob store recognises it. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/**
 * Interpretation materials as files and links over HTTP (real FerretDB, real file store): a 图解
 * uploaded to the blob store (type recognised from the bytes, recorded by hash, size, type and name),
 * an 音视频 link (an http(s) URL), downloads for staff at once and for the public only once the
 * interpretation is published, and `verify` reading the material's file back.
 */
describe('interpretation materials as files', () => {
  let app: INestApplication;
  let store: EventStore;
  let clerk: string;
  let otherClerk: string;
  const documentId = 'D-2026-MAT';
  const http = () => request(app.getHttpServer());
  const api = (path: string) => `/api/interpretation${path}`;

  beforeAll(async () => {
    ({ app } = await createApp(
      { shape: 'interpretation', title: 'material files test', modules: () => [InterpretationModule] },
      isolatedEnv(),
    ));
    await app.init();
    store = app.get(EVENT_STORE);
    clerk = await tokenFor('clerk', 'TEZ-MZJ');
    otherClerk = await tokenFor('clerk', 'TEZ-EDU');
    const today = toShanghaiDate(new Date());
    await store.append(
      obligationStreamId(documentId),
      [
        {
          ...newEvent('interpretation.InterpretationObligationOpened', {
            documentId,
            unitId: 'TEZ-MZJ',
            title: '台儿庄区城乡低保实施办法（示例）',
            documentNumber: '台民发〔2026〕3号',
            documentType: '行政规范性文件',
            attribute: '主动公开',
            approvedBy: 'leader',
            issuedOn: today,
            limitWorkingDays: 3,
            dueOn: today,
            legalBasis: '谁起草、谁解读',
          }),
          actor: { userId: 'system', unitId: 'TEZ-MZJ', role: 'clerk' as const },
        },
      ],
      -1,
    );
    await eventually(async () =>
      (
        await http()
          .get(api(`/obligations/${documentId}`))
          .set('Authorization', `Bearer ${clerk}`)
      ).ok
        ? true
        : undefined,
    );
  }, 60000);
  afterAll(() => app.close());

  it('takes a 图解 as a file and a video as a link, publishes them with the interpretation only, and verify reads the file', async () => {
    const upload = (materialId: string, query: string, bytes: Buffer, type: string, token = clerk) =>
      http()
        .put(api(`/obligations/${documentId}/materials/${materialId}/file?${query}`))
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', type)
        .send(bytes);
    const graphic = `form=${encodeURIComponent('图表图解')}&title=${encodeURIComponent('一图读懂低保（示例）')}&name=${encodeURIComponent('低保图解.png')}`;

    // Refused before a byte is stored: another unit's clerk; a type the form does not take; bytes that are not what they claim.
    expect((await upload('g1', graphic, PNG, 'image/png', otherClerk)).status).toBe(403);
    const wrongForm = await upload('g1', graphic.replace(encodeURIComponent('图表图解'), encodeURIComponent('音频视频')), PNG, 'image/png');
    expect(wrongForm.status).toBe(422);
    expect(wrongForm.body.code).toBe('MATERIAL_MEDIA_AS_LINK');
    const mismatch = await upload('g1', graphic, Buffer.from('不是图片', 'utf8'), 'image/png');
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.code).toBe('BLOB_MEDIA_TYPE_MISMATCH');

    await upload('g1', graphic, PNG, 'image/png').expect(200);
    const badLink = await http()
      .post(api(`/obligations/${documentId}/materials`))
      .set('Authorization', `Bearer ${clerk}`)
      .send({ materialId: 'v1', form: '音频视频', title: '视频解读', link: 'javascript:alert(1)' });
    expect(badLink.status).toBe(400);
    await http()
      .post(api(`/obligations/${documentId}/materials`))
      .set('Authorization', `Bearer ${clerk}`)
      .send({ materialId: 'v1', form: '音频视频', title: '视频解读（示例）', link: 'https://video.example.cn/dibao' })
      .expect(200);

    const staff = await eventually(async () => {
      const response = await http()
        .get(api(`/obligations/${documentId}`))
        .set('Authorization', `Bearer ${clerk}`);
      return response.body.materials?.length === 2 ? response.body : undefined;
    });
    expect(staff.materials).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          materialId: 'g1',
          file: { sha256: sha256(PNG), size: PNG.length, mediaType: 'image/png', originalName: '低保图解.png' },
        }),
        expect.objectContaining({ materialId: 'v1', link: 'https://video.example.cn/dibao' }),
      ]),
    );
    const staffDownload = await http()
      .get(api(`/obligations/${documentId}/materials/g1/file`))
      .set('Authorization', `Bearer ${clerk}`)
      .buffer(true)
      .parse(binary);
    expect(staffDownload.status).toBe(200);
    expect(Buffer.compare(staffDownload.body as Buffer, PNG)).toBe(0);

    // Not public before the interpretation is published: the same answer as a material that does not exist.
    const publicFile = (materialId: string) => http().get(api(`/portal/policies/${documentId}/materials/${materialId}/file`));
    const early = await publicFile('g1');
    const none = await publicFile('nothing');
    expect(early.status).toBe(404);
    const answer = ({ correlationId: _c, instance: _i, ...rest }: Record<string, unknown>) => rest;
    expect(answer(early.body)).toEqual(answer(none.body));
    expect((await http().get(api(`/portal/policies/${documentId}`))).body.interpretations).toEqual([]);

    await http()
      .put(api(`/obligations/${documentId}/plan`))
      .set('Authorization', `Bearer ${clerk}`)
      .send({ plan: '同步发布图解和视频解读', forms: ['图表图解', '音频视频'], channels: ['政府网站'] })
      .expect(200);
    await http()
      .post(api(`/obligations/${documentId}/sign-off`))
      .set('Authorization', `Bearer ${clerk}`)
      .send({ signer: '王明' })
      .expect(200);
    await http()
      .post(api(`/obligations/${documentId}/publish`))
      .set('Authorization', `Bearer ${clerk}`)
      .send({ channels: ['政府网站'] })
      .expect(200);

    const portal = await eventually(async () => {
      const response = await http().get(api(`/portal/policies/${documentId}`));
      return response.body.interpretations?.length ? response.body : undefined;
    });
    expect(portal.interpretations[0].materials).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ materialId: 'g1', file: expect.objectContaining({ sha256: sha256(PNG), originalName: '低保图解.png' }) }),
        expect.objectContaining({ materialId: 'v1', link: 'https://video.example.cn/dibao' }),
      ]),
    );
    const download = await publicFile('g1').buffer(true).parse(binary);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('低保图解.png')}`);
    expect(Buffer.compare(download.body as Buffer, PNG)).toBe(0);
    expect((await publicFile('v1')).status).toBe(404); // a link has no file

    // The audit's file check reads the material's file back, and names the obligation, revision and file when it is altered.
    const blobs = app.get(BLOB_STORE) as FileSystemBlobStore;
    const intact = await verifyFiles(store, blobs);
    expect(intact.findings).toEqual([]);
    expect(intact.files).toBe(1);
    const path = blobs.pathOf(sha256(PNG));
    chmodSync(path, 0o644);
    writeFileSync(path, Buffer.concat([PNG, Buffer.from([0])]));
    const altered = await verifyFiles(store, blobs);
    expect(altered.findings).toEqual([
      expect.objectContaining({
        streamId: obligationStreamId(documentId),
        streamRevision: 1,
        eventType: 'interpretation.InterpretationMaterialAdded',
        path: 'file',
        originalName: '低保图解.png',
        problem: 'altered',
      }),
    ]);
  });
});
