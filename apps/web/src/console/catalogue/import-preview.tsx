import { Fragment } from 'react';
import type { ImportElementsView, ImportPreviewView, ImportRowAction, ImportTableView } from '@gongkai/contracts/vocabulary';

/** The preview of an import: the tables found (layout, header, where the domain came from), every row's eight elements and problems. */

const ACTIONS: Record<ImportRowAction, string> = { create: '新建', update: '更新', revise: '修订', unchanged: '无变化' };
const DOMAIN_FROM: Record<NonNullable<ImportTableView['domain']['from']>, string> = {
  column: '表头列（所属领域）',
  sheet: '工作表名',
  title: '标题',
  choice: '您的选择',
};
const FORMATS: Record<ImportPreviewView['format'], string> = { xlsx: 'Excel 工作簿（.xlsx）', docx: 'Word 文档（.docx）' };
const ELEMENTS: (keyof ImportElementsView)[] = ['名称', '内容', '依据', '时限', '主体', '方式', '渠道', '公开对象'];

function domainText(table: ImportTableView) {
  const { from, name } = table.domain;
  if (from === 'column') return '领域取自：表头列（每行的“所属领域”）';
  if (!from || !name) return '未识别出领域：请在上方“所属领域”中选择后重新预览';
  return `领域取自：${DOMAIN_FROM[from]} —— ${name}`;
}

function TableFound({ table }: { table: ImportTableView }) {
  return (
    <li className="card import-table" data-testid="import-table">
      <h4>
        {table.kind === 'sheet' ? '工作表' : 'Word 表格'}“{table.source}”
      </h4>
      {table.title ? <p className="meta">标题：{table.title}</p> : null}
      <p className="meta">
        {table.layout === 'published' ? '各地公开的目录样式' : '本系统标准列'} · 表头 {table.headerRows} 行 · 识别出 {table.columns.length}{' '}
        列
      </p>
      <p className={table.domain.from ? 'domain-from' : 'domain-from domain-missing'} data-testid="import-domain">
        {domainText(table)}
      </p>
      {table.domain.from && table.domain.from !== 'column' ? <p className="hint">领域不对时，请在上方选择正确的领域后重新预览。</p> : null}
      {table.skipped.length > 0 ? (
        <p className="meta">未作为事项读取的行：{table.skipped.map((s) => `第 ${s.rowNumber} 行（${s.text.slice(0, 30)}）`).join('；')}</p>
      ) : null}
    </li>
  );
}

export function ImportPreviewPanel({ preview }: { preview: ImportPreviewView }) {
  const { summary } = preview;
  const columns = 4 + ELEMENTS.length;
  return (
    <div className="import-preview" data-testid="import-preview">
      <h3>预览（尚未导入）</h3>
      <p data-testid="import-summary">
        {FORMATS[preview.format]}，共 {summary.rows} 行：可导入 {summary.valid} 行（新建 {summary.create}、更新 {summary.update}、修订{' '}
        {summary.revise}、无变化 {summary.unchanged}）
        {summary.invalid > 0 ? <strong className="text-danger">，有误 {summary.invalid} 行</strong> : '，没有有误的行'}。
      </p>
      <ul className="cards import-tables">
        {preview.tables.map((t) => (
          <TableFound key={t.source} table={t} />
        ))}
      </ul>
      {preview.ignored.length > 0 ? (
        <div data-testid="import-ignored">
          <h4>未读取的工作表或表格</h4>
          <ul>
            {preview.ignored.map((i) => (
              <li key={i.source}>
                “{i.source}”：{i.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="table-scroll" role="region" aria-label="导入预览：每一行对应的八要素" tabIndex={0}>
        <table className="import-rows">
          <thead>
            <tr>
              <th scope="col">来源</th>
              <th scope="col">行号</th>
              <th scope="col">一级事项</th>
              {ELEMENTS.map((e) => (
                <th key={e} scope="col">
                  {e === '名称' ? '事项名称' : e === '公开对象' ? e : `公开${e}`}
                </th>
              ))}
              <th scope="col">处理</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row) => (
              <Fragment key={`${row.source}-${row.rowNumber}`}>
                <tr className={row.ok ? undefined : 'row-invalid'} data-testid="import-row">
                  <td className="nowrap">{row.source}</td>
                  <th scope="row" className="nowrap">
                    第 {row.rowNumber} 行
                  </th>
                  <td>{row.firstLevel}</td>
                  {ELEMENTS.map((e) => (
                    <td key={e}>{row.elements[e]}</td>
                  ))}
                  <td className="nowrap">
                    {row.action ? (
                      <span className={`badge ${row.action === 'create' ? 'badge-ok' : row.action === 'unchanged' ? '' : 'badge-warn'}`}>
                        {ACTIONS[row.action]}
                      </span>
                    ) : (
                      <span className="badge badge-danger">有误</span>
                    )}
                  </td>
                </tr>
                {row.errors.length > 0 ? (
                  <tr className="row-errors" data-testid="import-row-errors">
                    <td colSpan={columns}>
                      <strong>
                        {row.source} 第 {row.rowNumber} 行的问题：
                      </strong>
                      <ul>
                        {row.errors.map((message) => (
                          <li key={message}>{message}</li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
