import { type FormEvent, useState } from 'react';
import { ApiError, download, upload } from '../../api';
import { asError, ErrorNotice, Field, Notice, useForm } from '../../ui';
import { XLSX_MIME } from './catalogue';

interface ImportReport {
  rows: number;
  created: number;
  updated: number;
  revised: number;
  unchanged: number;
}

/** Maps one import problem message to the spreadsheet column it is about (the messages name their column). */
const COLUMN_HINTS: [string, string][] = [
  ['公开内容（要素）', '公开内容（要素）'],
  ['公开渠道', '公开渠道和载体'],
  ['标准指引事项编码', '标准指引事项编码'],
  ...[
    '一级事项',
    '二级事项',
    '公开依据',
    '公开时限',
    '公开主体',
    '公开对象',
    '公开方式',
    '公开层级',
    '所属领域',
    '公开环节',
    '事项编号',
  ].map((c): [string, string] => [c, c]),
];
const columnOf = (message: string) => {
  const hits = COLUMN_HINTS.map(([hint, column]) => ({ at: message.indexOf(hint), column })).filter((h) => h.at >= 0);
  hits.sort((a, b) => a.at - b.at);
  return hits[0]?.column ?? '—';
};

interface RowProblem {
  row: number;
  column: string;
  message: string;
}
function importProblems(error: ApiError): RowProblem[] {
  const rows = Array.isArray(error.extensions.rows) ? (error.extensions.rows as { row: number; messages: string[] }[]) : null;
  const list =
    rows ??
    error.errors.filter((e) => e.field.startsWith('row.')).map((e) => ({ row: Number(e.field.slice(4)), messages: e.message.split('；') }));
  return list.flatMap((r) => r.messages.map((message) => ({ row: r.row, column: columnOf(message), message })));
}

export function SpreadsheetPanel({ unitId, onImported }: { unitId: string; onImported: () => void }) {
  const base = `/api/catalogue/units/${encodeURIComponent(unitId)}/items`;
  // The file is not kept over a reload (a browser cannot restore a chosen file): no draft key.
  const sheet = useForm<{ file: File | null }>(null, { file: null });
  const { values, update, error, setError, submitting: busy } = sheet;
  const file = values.file;
  const setFile = (chosen: File | null) => update({ file: chosen });
  const [report, setReport] = useState<ImportReport | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const problems = error ? importProblems(error) : [];
  const exportFile = async () => {
    setMessage(null);
    setError(null);
    try {
      setMessage(`已下载：${await download(`${base}/export`)}`);
    } catch (e) {
      setError(asError(e));
    }
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setReport(null);
    setMessage(null);
    if (!file) {
      setError(
        new ApiError(400, 'NO_FILE', '请先选择要导入的 .xlsx 文件。', [{ field: 'file', code: 'required', message: '请选择 .xlsx 文件' }]),
      );
      return;
    }
    await sheet.submit(async () => {
      setReport(await upload<ImportReport>(`${base}/import`, file, XLSX_MIME));
      onImported();
    });
  };
  return (
    <section className="card sheet" aria-labelledby="sheet-heading">
      <h2 id="sheet-heading">电子表格导入导出</h2>
      <p className="hint">
        导出文件使用标准列（序号、一级事项、二级事项、公开内容（要素）、公开依据、公开时限、公开主体、公开渠道和载体、公开对象、公开方式、公开层级等）。保留“事项编号”列可在导入时更新对应事项；不填事项编号的行新增为草稿。任何一行有误时，整个文件都不会导入。
      </p>
      <div className="actions">
        <button type="button" onClick={() => void exportFile()}>
          下载本单位目录（.xlsx）
        </button>
      </div>
      {message ? <Notice kind="success">{message}</Notice> : null}
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <Field label="导入电子表格（.xlsx）" name="file" error={error}>
          {(p) => <input {...p} type="file" accept={`.xlsx,${XLSX_MIME}`} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
        </Field>
        <div>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? '正在导入……' : '导入'}
          </button>
        </div>
      </form>
      {report ? (
        <Notice kind="success">
          <span data-testid="import-result">
            导入成功：共 {report.rows} 行，新增草稿 {report.created} 条，修改草稿 {report.updated} 条，修订已发布事项 {report.revised}{' '}
            条，未变化 {report.unchanged} 条。
          </span>
        </Notice>
      ) : null}
      {error && problems.length > 0 ? (
        <div className="notice notice-error" role="alert" data-testid="import-errors">
          <p className="notice-title">
            <strong>电子表格有 {new Set(problems.map((p) => p.row)).size} 行存在问题，未导入任何内容。</strong>
            请修改以下各行后重新上传整个文件。
          </p>
          <div className="table-scroll" role="region" aria-label="有问题的行" tabIndex={0}>
            <table className="problems">
              <thead>
                <tr>
                  <th scope="col">行号</th>
                  <th scope="col">列</th>
                  <th scope="col">问题</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((p, n) => (
                  <tr key={`${p.row}-${n}`}>
                    <td className="nowrap">第 {p.row} 行</td>
                    <td className="nowrap">{p.column}</td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : error && error.code !== 'NO_FILE' ? (
        <ErrorNotice error={error} title="未导入任何内容" />
      ) : null}
    </section>
  );
}
