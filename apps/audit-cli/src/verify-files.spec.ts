import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { BLOB_STORE, createApp, FileSystemBlobStore, signDevToken } from '@gongkai/platform';
import { isolatedEnv, TEST_JWT_SECRET } from '@gongkai/platform/testing';
import ExcelJS from 'exceljs';
import { CATALOGUE_COLUMNS, type CatalogueRow } from '@gongkai/catalogue';
import { standaloneApp } from '@gongkai/shapes';
import { runCommand } from './commands';

const hasJq = spawnSync('jq', ['--version']).status === 0;
/** The offline file check, exactly as docs/audit.md gives it. */
const procedure = /```sh\n(f=export\.jsonl\njq -r 'select\(\.eventId\) \| \.data[\s\S]*?)```/.exec(
  readFileSync(join(__dirname, '../../../docs/audit.md'), 'utf8'),
)![1];

/** The tamper test of issue 21: altering one stored file's bytes makes `verify` name the document, the revision and the file. */
describe('gongkai-audit verify checks the files', () => {
  let app: INestApplication;
  const run = async (...argv: string[]) => {
    let output = '';
    const code = await runCommand(app, argv, (text) => (output += text));
    return { code, output };
  };

  beforeAll(async () => {
    ({ app } = await createApp(standaloneApp, isolatedEnv()));
    await app.init();
  });
  afterAll(() => app.close());

  it('passes while the files are intact, then names document, revision and file when one is altered or missing', async () => {
    const clerk = await signDevToken(TEST_JWT_SECRET, { userId: 'wang', role: 'clerk', unitId: 'TEZ-MZJ' });
    const http = () => request(app.getHttpServer());
    const registered = await http()
      .post('/api/document-attributes/documents')
      .set('Authorization', `Bearer ${clerk}`)
      .send({ title: '关于临时救助的通知（示例）', documentNumber: '台民发〔2026〕9号', documentType: '其他', needsInterpretation: false })
      .expect(201);
    const documentId = registered.body.documentId as string;
    const body = Buffer.from('第一条 临时救助由镇街道受理。\n', 'utf8');
    const annex = Buffer.from('附件：申请表\n', 'utf8');
    await http()
      .put(`/api/document-attributes/documents/${documentId}/body?name=body.txt`)
      .set('Authorization', `Bearer ${clerk}`)
      .set('Content-Type', 'text/plain')
      .send(body)
      .expect(200);
    await http()
      .post(`/api/document-attributes/documents/${documentId}/annexes?title=${encodeURIComponent('申请表')}&name=form.txt`)
      .set('Authorization', `Bearer ${clerk}`)
      .set('Content-Type', 'text/plain')
      .send(annex)
      .expect(201);

    const intact = await run('verify');
    expect(intact.code).toBe(0);
    expect(intact.output).toContain('2 个文件与记录的 SHA-256 一致');

    const store = app.get(BLOB_STORE) as FileSystemBlobStore;
    // The offline check of docs/audit.md, on the exported stream and the store's directory.
    const exported = await run('export', `document-attributes.document-${documentId}`);
    const exportFile = join(mkdtempSync(join(tmpdir(), 'gk-export-')), 'export.jsonl');
    writeFileSync(exportFile, exported.output);
    const offline = () =>
      spawnSync('bash', ['-c', procedure.replace('f=export.jsonl', `f=${exportFile}`)], { cwd: store.root, encoding: 'utf8' });
    if (hasJq) {
      const ok = offline();
      expect(ok.status).toBe(0);
      expect(ok.stdout.match(/: OK$/gm)).toHaveLength(2);
    }
    const bodyPath = store.pathOf(createHash('sha256').update(body).digest('hex'));
    chmodSync(bodyPath, 0o644);
    writeFileSync(bodyPath, '第一条 临时救助由区民政局受理。\n');
    const altered = await run('verify');
    expect(altered.code).toBe(1);
    expect(altered.output).toContain(
      `文件校验不符：事件流 document-attributes.document-${documentId}，版本 1（document-attributes.DocumentFileAttached 的 file），文件“body.txt”`,
    );
    expect(altered.output).toContain('内容已被改动');
    if (hasJq) {
      const bad = offline();
      expect(bad.status).toBe(1);
      expect(bad.stdout).toContain(`${bodyPath.slice(store.root.length + 1)}: FAILED`);
    }
    expect(altered.output).not.toContain('form.txt');

    rmSync(store.pathOf(createHash('sha256').update(annex).digest('hex')));
    const missing = await run('verify');
    expect(missing.code).toBe(1);
    expect(missing.output).toMatch(
      new RegExp(`版本 2（document-attributes\\.DocumentFileAttached 的 file），文件“form\\.txt”（SHA-256 [0-9a-f]{64}）在文件存储中缺失`),
    );
  });
});

/** Issue 18: the original file of a catalogue import is kept for the audit, and `verify` names the import when its bytes are altered. */
describe('gongkai-audit verify checks the files kept with catalogue imports', () => {
  let app: INestApplication;
  const run = async (...argv: string[]) => {
    let output = '';
    const code = await runCommand(app, argv, (text) => (output += text));
    return { code, output };
  };

  beforeAll(async () => {
    ({ app } = await createApp(standaloneApp, isolatedEnv()));
    await app.init();
  });
  afterAll(() => app.close());

  it('passes while the imported file is intact, then names the unit’s import stream and the file when its bytes are altered', async () => {
    const UNIT = 'TEZ-ZSZ';
    const http = () => request(app.getHttpServer());
    const district = await signDevToken(TEST_JWT_SECRET, { userId: 'office', role: 'district_office', unitId: 'TEZ-GOV-OFFICE' });
    const clerk = await signDevToken(TEST_JWT_SECRET, { userId: 'zhao', role: 'clerk', unitId: UNIT });
    await http()
      .post('/api/catalogue/units')
      .set('Authorization', `Bearer ${district}`)
      .send({ unitId: UNIT, name: '张山子镇人民政府', level: '乡级', kind: 'town' })
      .expect(201);
    // A one-row catalogue under the standard columns, as a town's clerk would upload it.
    const row: CatalogueRow = {
      序号: '1',
      一级事项: '最低生活保障',
      二级事项: '最低生活保障申请受理及公示',
      '公开内容（要素）': '申请条件、申请材料、审核结果',
      公开依据: '《社会救助暂行办法》第十一条',
      公开时限: '信息形成或者变更之日起20个工作日内',
      公开主体: '张山子镇人民政府',
      公开渠道和载体: '政府网站、社区/企事业单位/村公示栏(电子屏)',
      公开对象: '全社会',
      公开方式: '主动',
      公开层级: '乡级',
      所属领域: '社会救助',
    };
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('目录');
    sheet.addRow([...CATALOGUE_COLUMNS]);
    sheet.addRow(CATALOGUE_COLUMNS.map((c) => row[c] ?? ''));
    const file = Buffer.from(await book.xlsx.writeBuffer());
    const name = '社会救助领域基层政务公开标准目录.xlsx';
    const imported = await http()
      .post(`/api/catalogue/units/${UNIT}/items/import?name=${encodeURIComponent(name)}`)
      .set('Authorization', `Bearer ${clerk}`)
      .set('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(file)
      .expect(200);
    expect(imported.body.file).toMatchObject({ sha256: createHash('sha256').update(file).digest('hex'), originalName: name });

    const intact = await run('verify');
    expect(intact.code).toBe(0);
    expect(intact.output).toContain('1 个文件与记录的 SHA-256 一致');

    const store = app.get(BLOB_STORE) as FileSystemBlobStore;
    const path = store.pathOf(imported.body.file.sha256);
    chmodSync(path, 0o644);
    const altered = Buffer.from(file);
    altered[altered.length - 30] ^= 0xff;
    writeFileSync(path, altered);
    const checked = await run('verify');
    expect(checked.code).toBe(1);
    expect(checked.output).toMatch(
      new RegExp(
        `文件校验不符：事件流 catalogue\\.imports-${UNIT}，版本 0（catalogue\\.CatalogueImported 的 file），文件“${name.replace('.', '\\.')}”`,
      ),
    );
    expect(checked.output).toContain('内容已被改动');
  });
});
