import { type FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { PILOT_DOMAINS, type ImportListView, type ImportPreviewView, type ImportReportView } from '@gongkai/contracts/vocabulary';
import { ApiError, download, upload } from '../../api';
import { asError, ErrorNotice, Field, formatDateTime, formatFileSize, Notice, SelectField, useApi, useForm } from '../../ui';
import { XLSX_MIME } from './catalogue';
import { ImportPreviewPanel } from './import-preview';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const mimeOf = (file: File) => (/\.docx$/i.test(file.name) ? DOCX_MIME : XLSX_MIME);

/** The file and the domain a preview was made with: confirming sends the same. */
interface Previewed {
  file: File;
  domain: string;
  preview: ImportPreviewView;
}

/**
 * Spreadsheet (and Word table) import and export of a unit's catalogue: choose a file, preview how
 * each source row maps to the eight elements (nothing recorded), confirm when no row has a problem
 * (all or nothing), then see the result. Export under the standard columns or in the published layout.
 */
export function SpreadsheetPanel({ unitId, onImported }: { unitId: string; onImported: () => void }) {
  const base = `/api/catalogue/units/${encodeURIComponent(unitId)}/items`;
  // The file is not kept over a reload (a browser cannot restore a chosen file): no draft key.
  const sheet = useForm<{ file: File | null; domain: string }>(null, { file: null, domain: '' });
  const { values, update, error, setError, submitting: busy } = sheet;
  const [previewed, setPreviewed] = useState<Previewed | null>(null);
  const [report, setReport] = useState<ImportReportView | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const imports = useApi<ImportListView>(`${base}/imports`);
  /** The domain chosen (if any) and, on import, the original file's name (kept with the import record). */
  const query = (domain: string, name?: string) => {
    const params = new URLSearchParams();
    if (domain) params.set('domain', domain);
    if (name) params.set('name', name);
    const text = params.toString();
    return text ? `?${text}` : '';
  };
  const stale = previewed !== null && (previewed.file !== values.file || previewed.domain !== values.domain);

  const downloadFile = async (path: string) => {
    setMessage(null);
    setError(null);
    try {
      setMessage(`已下载：${await download(path)}`);
    } catch (e) {
      setError(asError(e));
    }
  };
  const exportFile = (layout: 'standard' | 'published') =>
    downloadFile(`${base}/export${layout === 'published' ? '?layout=published' : ''}`);
  const originalFile = (importId: string) => downloadFile(`${base}/imports/${encodeURIComponent(importId)}/file`);
  const preview = async (event: FormEvent) => {
    event.preventDefault();
    setReport(null);
    setMessage(null);
    const { file, domain } = values;
    if (!file) {
      setPreviewed(null);
      setError(
        new ApiError(400, 'NO_FILE', '请先选择要导入的文件。', [
          { field: 'file', code: 'required', message: '请选择 .xlsx 或 .docx 文件' },
        ]),
      );
      return;
    }
    await sheet.submit(async () => {
      setPreviewed(null);
      const result = await upload<ImportPreviewView>(`${base}/import/preview${query(domain)}`, file, mimeOf(file));
      setPreviewed({ file, domain, preview: result });
    });
  };
  const confirm = async () => {
    if (!previewed) return;
    const { file, domain } = previewed;
    await sheet.submit(async () => {
      setReport(await upload<ImportReportView>(`${base}/import${query(domain, file.name)}`, file, mimeOf(file)));
      setPreviewed(null);
      update({ file: null });
      onImported();
      imports.reload();
    });
  };
  const rows = previewed?.preview.summary;
  /** The import's record, whose original file can be downloaded (none when the file changed nothing). */
  const importId = report?.importId ?? null;
  const confirmable = previewed !== null && !stale && rows !== undefined && rows.rows > 0 && rows.invalid === 0;

  return (
    <section className="card sheet" aria-labelledby="sheet-heading">
      <h2 id="sheet-heading">电子表格导入导出</h2>
      <p className="hint">
        可导入本系统导出的标准列表格，也可直接导入各地公开的目录表格（Excel 工作簿或 Word 文档中的表格：两行表头、√ 勾选列、■/□ 或 ◆/◇
        渠道清单、三级事项、“相应领域”列均可识别）。先预览每一行对应的八要素，全部无误后再确认导入；任何一行有误时，整个文件都不会导入。
      </p>
      <div className="actions">
        <button type="button" onClick={() => void exportFile('standard')}>
          下载本单位目录（标准列，.xlsx）
        </button>
        <button type="button" onClick={() => void exportFile('published')}>
          下载本单位目录（公开样式，.xlsx）
        </button>
      </div>
      {message ? <Notice kind="success">{message}</Notice> : null}

      <form className="form" onSubmit={(e) => void preview(e)} noValidate>
        <Field label="选择要导入的文件（.xlsx 或 .docx）" name="file" error={error}>
          {(p) => (
            <input
              {...p}
              key={report ? 'done' : 'choosing'}
              type="file"
              accept={`.xlsx,.docx,${XLSX_MIME},${DOCX_MIME}`}
              onChange={(e) => (update({ file: e.target.files?.[0] ?? null }), setReport(null))}
            />
          )}
        </Field>
        <SelectField
          label="所属领域"
          name="domain"
          hint="表格的工作表名或标题已写明领域时可不选；选择后，没有“所属领域”列的表格都按所选领域导入。"
          error={error}
          placeholder="自动识别（取自表头列、工作表名或标题）"
          options={PILOT_DOMAINS.map((d) => [d.code, d.name] as const)}
          value={values.domain}
          onChange={(domain) => update({ domain })}
        />
        <div>
          <button type="submit" disabled={busy}>
            {busy ? '正在处理……' : previewed ? '重新预览' : '预览'}
          </button>
        </div>
      </form>

      {error && error.code !== 'NO_FILE' ? <ErrorNotice error={error} title="未导入任何内容" /> : null}

      {previewed ? (
        <>
          {stale ? <Notice kind="warn">文件或所属领域已更改，请点“重新预览”后再确认导入。</Notice> : null}
          <ImportPreviewPanel preview={previewed.preview} />
          <div className="actions confirm-import">
            <button type="button" className="primary" disabled={!confirmable || busy} onClick={() => void confirm()}>
              {busy ? '正在导入……' : '确认导入'}
            </button>
            {rows && rows.invalid > 0 ? (
              <span className="muted">有 {rows.invalid} 行有误：请修改这些行后重新上传整个文件，全部无误后才能确认导入。</span>
            ) : null}
          </div>
        </>
      ) : null}

      {report ? (
        <Notice kind="success">
          <span data-testid="import-result">
            导入成功：共 {report.rows} 行，新增草稿 {report.created} 条，修改草稿 {report.updated} 条，修订已发布事项 {report.revised}{' '}
            条，未变化 {report.unchanged} 条。
          </span>{' '}
          {importId ? (
            <>
              <button type="button" className="link-button" onClick={() => void originalFile(importId)}>
                下载导入的原始文件
              </button>
              {' · '}
            </>
          ) : (
            <span className="muted">（内容与目录一致，未产生导入记录。）</span>
          )}
          <Link to="/console/catalogue?view=coverage">查看覆盖情况和指引事项对应建议</Link>
          {' · '}
          <Link to="/console/catalogue">查看本单位事项</Link>
        </Notice>
      ) : null}

      <h3 id="imports-heading">导入记录</h3>
      <p className="hint">每次导入都保存上传的原始文件，供核查和审计；文件的 SHA-256 记录在导入记录中。</p>
      <ErrorNotice error={imports.error} />
      {imports.data && imports.data.imports.length === 0 ? <p className="muted">尚无导入记录。</p> : null}
      {imports.data && imports.data.imports.length > 0 ? (
        <div className="table-scroll" role="region" aria-labelledby="imports-heading" tabIndex={0}>
          <table data-testid="import-records">
            <thead>
              <tr>
                <th scope="col">导入时间</th>
                <th scope="col">原始文件</th>
                <th scope="col">结果</th>
                <th scope="col">SHA-256</th>
              </tr>
            </thead>
            <tbody>
              {imports.data.imports.map((i) => (
                <tr key={i.importId}>
                  <th scope="row" className="nowrap">
                    {formatDateTime(i.importedAt)}
                  </th>
                  <td>
                    <button type="button" onClick={() => void originalFile(i.importId)} aria-label={`下载原始文件：${i.file.originalName}`}>
                      {i.file.originalName}
                    </button>{' '}
                    <span className="muted">{formatFileSize(i.file.size)}</span>
                  </td>
                  <td>
                    共 {i.rows} 行：新增草稿 {i.created} 条，修改草稿 {i.updated} 条，修订 {i.revised} 条，未变化 {i.unchanged} 条
                  </td>
                  <td>
                    <code className="hash">{i.file.sha256.slice(0, 16)}…</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
