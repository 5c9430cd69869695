import { createHash } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp, signDevToken, type AppDefinition } from '@gongkai/platform';
import { eventually, isolatedEnv, TEST_JWT_SECRET } from '@gongkai/platform/testing';
import { DocumentAttributesModule } from '../document-attributes.module';
import { docxOf } from '../testing/demo-files';

const definition: AppDefinition = { shape: 'standalone', title: 'document files test', modules: () => [DocumentAttributesModule] };
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Files of a document through HTTP: upload, refusal, issue, the portal's page, downloads and search (real FerretDB, real file store). */
describe('document files over HTTP', () => {
  let app: INestApplication;
  let clerk: string;
  let reviewer: string;
  const http = () => request(app.getHttpServer());
  const api = (path: string) => `/api/document-attributes${path}`;

  beforeAll(async () => {
    ({ app } = await createApp(definition, isolatedEnv()));
    await app.init();
    clerk = await signDevToken(TEST_JWT_SECRET, { userId: 'wang', role: 'clerk', unitId: 'TEZ-MZJ' });
    reviewer = await signDevToken(TEST_JWT_SECRET, { userId: 'li', role: 'reviewer', unitId: 'TEZ-MZJ' });
  });
  afterAll(() => app.close());

  it('publishes a document with its text and redacted annex; the original never leaves the staff side', async () => {
    const registered = await http()
      .post(api('/documents'))
      .set('Authorization', `Bearer ${clerk}`)
      .send({
        title: '关于调整城乡困难群众救助标准的通知（示例）',
        documentNumber: '台民发〔2026〕7号',
        documentType: '行政规范性文件',
        needsInterpretation: false,
        writtenOn: '2026-02-20',
        topic: '民政、扶贫、救灾',
      })
      .expect(201);
    const id = registered.body.documentId as string;
    const body = await docxOf(['各镇人民政府、街道办事处：', '城乡最低生活保障标准提高到每人每月860元，由镇街道逐户复核家庭经济状况。']);
    const original = Buffer.from('救助对象名单\n张三 330100199001011234 台州市某路1号\n', 'utf8');
    const redacted = Buffer.from('救助对象名单\n张某 ■■■■ ■■■■\n', 'utf8');
    const upload = (path: string, bytes: Buffer, type: string) =>
      http().put(api(path)).set('Authorization', `Bearer ${clerk}`).set('Content-Type', type).send(bytes);

    // A .docx declared as a PDF is refused in Chinese, and nothing is recorded.
    const before = await eventually(async () => {
      const response = await http()
        .get(api(`/documents/${id}`))
        .set('Authorization', `Bearer ${clerk}`);
      return response.status === 200 ? response : undefined;
    });
    const refused = await upload(`/documents/${id}/body?name=${encodeURIComponent('通知.pdf')}`, body, 'application/pdf');
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('BLOB_MEDIA_TYPE_MISMATCH');
    expect(refused.body.detail).toContain('声明为PDF 文件');
    const events = await http()
      .get(api(`/documents/${id}/decisions`))
      .set('Authorization', `Bearer ${await signDevToken(TEST_JWT_SECRET, { userId: 'zhao', role: 'office_head', unitId: 'TEZ-MZJ' })}`);
    expect(JSON.stringify(events.body)).not.toContain('DocumentFileAttached');
    expect(before.body.body).toBeNull();

    const attached = await upload(`/documents/${id}/body?name=${encodeURIComponent('通知正文.docx')}`, body, DOCX).expect(200);
    expect(attached.body.file).toEqual({ sha256: sha256(body), size: body.length, mediaType: DOCX, originalName: '通知正文.docx' });
    const annex = await http()
      .post(api(`/documents/${id}/annexes?title=${encodeURIComponent('附件 救助对象名单')}&name=list.txt`))
      .set('Authorization', `Bearer ${clerk}`)
      .set('Content-Type', 'text/plain; charset=utf-8')
      .send(original)
      .expect(201);
    const redactions = JSON.stringify([{ ground: 'PERSONAL_PRIVACY', description: '身份证号码和住址' }]);
    await upload(
      `/documents/${id}/annexes/${annex.body.annexId}/redacted?name=list-redacted.txt&redactions=${encodeURIComponent(redactions)}`,
      redacted,
      'text/plain',
    ).expect(200);

    await http()
      .post(api(`/documents/${id}/attribute-proposal`))
      .set('Authorization', `Bearer ${clerk}`)
      .send({ attribute: '主动公开' })
      .expect(200);
    await http()
      .post(api(`/documents/${id}/confidentiality-review`))
      .set('Authorization', `Bearer ${reviewer}`)
      .send({ outcome: 'approve' })
      .expect(200);
    await http()
      .post(api(`/documents/${id}/issue`))
      .set('Authorization', `Bearer ${clerk}`)
      .send({ issuedOn: '2026-03-02' })
      .expect(200);

    const page = await eventually(async () => {
      // The text is extracted by its own read model: it may follow the document by a moment.
      const response = await http().get(api(`/public/documents/${id}`));
      return response.status === 200 && response.body.text ? response.body : undefined;
    });
    expect(page).toMatchObject({
      indexNumber: 'TEZ-MZJ/2026-00001',
      writtenOn: '2026-02-20',
      publishedOn: '2026-03-02',
      topic: '民政、扶贫、救灾',
      documentNumber: '台民发〔2026〕7号',
      validity: '现行有效',
      files: {
        body: { sha256: sha256(body), originalName: '通知正文.docx' },
        annexes: [
          { title: '附件 救助对象名单', file: { sha256: sha256(redacted) }, redactions: ['涉及个人隐私（《政府信息公开条例》第十五条）'] },
        ],
      },
    });
    expect(page.text).toContain('由镇街道逐户复核家庭经济状况');
    expect(JSON.stringify(page)).not.toContain(sha256(original));

    const download = await http()
      .get(api(`/public/documents/${id}/files/${sha256(redacted)}`))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(download.status).toBe(200);
    expect(Buffer.compare(download.body as Buffer, redacted)).toBe(0);
    expect(download.headers['content-disposition']).toBe("attachment; filename*=UTF-8''list-redacted.txt");

    // The original: not by its hash under the document, nor a random hash; the same answer for both.
    const probe = await http().get(api(`/public/documents/${id}/files/${sha256(original)}`));
    const random = await http().get(api(`/public/documents/${id}/files/${'0'.repeat(64)}`));
    expect(probe.status).toBe(404);
    const answer = ({ correlationId: _c, instance: _i, ...rest }: Record<string, unknown>) => rest;
    expect(answer(probe.body)).toEqual(answer(random.body));
    // Staff of the unit can still read it.
    await http()
      .get(api(`/documents/${id}/files/${sha256(original)}`))
      .set('Authorization', `Bearer ${clerk}`)
      .expect(200);

    // Search reads the body, expands 低保, and never finds the original's words.
    const search = (q: string) =>
      http()
        .get(api(`/public/search?q=${encodeURIComponent(q)}`))
        .expect(200);
    expect((await search('复核')).body.hits.map((h: { documentId: string }) => h.documentId)).toEqual([id]);
    expect((await search('低保')).body.hits.map((h: { documentId: string }) => h.documentId)).toEqual([id]);
    expect((await search('330100199001011234')).body.hits).toEqual([]);
    expect(
      (await search('低保')).body.hits[0].snippet.some((p: { text: string; hit: boolean }) => p.hit && p.text === '最低生活保障'),
    ).toBe(true);

    // The published version is fixed.
    const late = await upload(`/documents/${id}/body?name=new.txt`, Buffer.from('新正文'), 'text/plain');
    expect(late.status).toBe(422);
    expect(late.body.code).toBe('PUBLISHED_VERSION_FIXED');
  });
});
