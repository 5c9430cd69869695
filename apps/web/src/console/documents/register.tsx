import { Link } from 'react-router-dom';
import type { DocumentStaffView, UnitListView } from '@gongkai/contracts/vocabulary';
import * as vocabulary from '@gongkai/contracts/vocabulary';
import type { Session } from '../../api';
import { ErrorNotice, Loading, Pager, PHASE_LABELS, SelectField, seesDistrict, unitName, useServerList } from '../../ui';

const FILTER_KEYS = [
  'unitId',
  'attribute',
  'phase',
  'documentType',
  'validity',
  'issuedFrom',
  'issuedTo',
  'registeredFrom',
  'registeredTo',
  'q',
  'sort',
] as const;
const FLAG_LABELS: [string, string][] = [
  ['publication_overdue', '逾期未公开'],
  ['unpublished', '已印发未公开'],
  ['needs_interpretation', '需要解读'],
  ['suggestion_pending', '有待处理的公开建议'],
  ['review_open', '年度评估待评估'],
];
const SORT_OPTIONS: [string, string][] = [
  ['-registeredAt', '登记时间（新→旧）'],
  ['registeredAt', '登记时间（旧→新）'],
  ['-issuedOn', '印发日期（新→旧）'],
  ['issuedOn', '印发日期（旧→新）'],
  ['publicationDueOn', '公开期限（近→远）'],
  ['documentNumber', '文号'],
];
const SELECTS: [string, string, readonly (string | readonly [string, string])[]][] = [
  ['attribute', '公开属性', vocabulary.DISCLOSURE_ATTRIBUTES],
  ['phase', '办理阶段', Object.entries(PHASE_LABELS) as [string, string][]],
  ['documentType', '文种', vocabulary.DOCUMENT_TYPES],
  ['validity', '效力状态', ['现行有效', '失效', '废止']],
];
const DATES: [string, string][] = [
  ['issuedFrom', '印发日期自'],
  ['issuedTo', '印发日期至'],
  ['registeredFrom', '登记日期自'],
  ['registeredTo', '登记日期至'],
];
const PAGE_SIZE = 20;

/**
 * The document register (公文公开属性登记): filters, a text box (title, document number, index
 * number), sorting, pages from the server, and the export of exactly the filtered documents as .xlsx.
 */
export function DocumentRegister({ session, units }: { session: Session; units: UnitListView[] | null }) {
  const list = useServerList<DocumentStaffView>({
    endpoint: '/api/document-attributes/documents',
    exportEndpoint: '/api/document-attributes/documents/export.xlsx',
    keys: FILTER_KEYS,
    multi: ['flag'],
    defaults: { sort: '-registeredAt', ...(session.unitId && !seesDistrict(session) ? { unitId: session.unitId } : {}) },
    pageSize: PAGE_SIZE,
  });
  const { draft, set, chosen, toggle, result } = list;
  return (
    <section aria-labelledby="document-register-heading">
      <h2 id="document-register-heading">公文登记簿</h2>
      <form onSubmit={list.apply} className="form filters" role="search" aria-label="筛选公文">
        <div className="row">
          <div className="field">
            <label htmlFor="documents-q">全文检索</label>
            <input
              id="documents-q"
              type="search"
              value={draft.q}
              onChange={(e) => set('q')(e.target.value)}
              placeholder="标题、文号或索引号"
            />
          </div>
          {seesDistrict(session) ? (
            <SelectField
              label="单位"
              name="unitId"
              value={draft.unitId ?? ''}
              onChange={set('unitId')}
              placeholder="全区"
              options={(units ?? []).map((u) => [u.unitId, u.name] as const)}
            />
          ) : null}
        </div>
        <fieldset>
          <legend>需关注</legend>
          {FLAG_LABELS.map(([flag, label]) => (
            <label key={flag} className="choice">
              <input
                type="checkbox"
                name="flag"
                value={flag}
                checked={(chosen.flag ?? []).includes(flag)}
                onChange={(e) => toggle('flag', flag, e.target.checked)}
              />{' '}
              {label}
            </label>
          ))}
        </fieldset>
        <div className="row">
          {SELECTS.map(([key, label, options]) => (
            <SelectField
              key={key}
              label={label}
              name={key}
              value={draft[key] ?? ''}
              onChange={set(key)}
              placeholder="全部"
              options={options}
            />
          ))}
        </div>
        <div className="row">
          {DATES.map(([key, label]) => (
            <div className="field" key={key}>
              <label htmlFor={`documents-${key}`}>{label}</label>
              <input id={`documents-${key}`} type="date" value={draft[key]} onChange={(e) => set(key)(e.target.value)} />
            </div>
          ))}
          <SelectField label="排序" name="sort" value={draft.sort || '-registeredAt'} onChange={set('sort')} options={SORT_OPTIONS} />
        </div>
        <p className="actions">
          <button type="submit" className="primary">
            筛选
          </button>{' '}
          <button type="button" onClick={list.reset}>
            清除条件
          </button>{' '}
          <button type="button" onClick={() => void list.exportRows()} disabled={!result || result.total === 0}>
            导出公文登记簿（Excel）
          </button>
        </p>
      </form>
      {list.exported ? (
        <p role="status" className="muted">
          已导出：{list.exported}
        </p>
      ) : null}
      <ErrorNotice error={list.error} />
      {list.loading ? <Loading what="公文登记簿" /> : null}
      {result ? (
        <>
          <p role="status" data-testid="documents-total">
            共 {result.total} 件
          </p>
          <DocumentRegisterTable rows={result.rows} units={units} />
          <Pager page={list.page} total={result.total} pageSize={PAGE_SIZE} onPage={list.goTo} />
        </>
      ) : null}
    </section>
  );
}

function DocumentRegisterTable({ rows, units }: { rows: DocumentStaffView[]; units: UnitListView[] | null }) {
  if (rows.length === 0) return <p className="muted">没有符合条件的公文。</p>;
  return (
    <div className="table-scroll" role="region" aria-label="公文登记簿（可横向滚动）" tabIndex={0}>
      <table data-testid="documents-table">
        <thead>
          <tr>
            <th scope="col">文号</th>
            <th scope="col">标题</th>
            <th scope="col">单位</th>
            <th scope="col">办理阶段</th>
            <th scope="col">公开属性</th>
            <th scope="col">印发日期</th>
            <th scope="col">效力状态</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.documentId} data-document-id={d.documentId}>
              <td>{d.documentNumber}</td>
              <td>
                <Link to={`/console/documents/${d.documentId}`}>{d.title}</Link>
              </td>
              <td>{unitName(units, d.unitId)}</td>
              <td>{PHASE_LABELS[d.phase] ?? d.phase}</td>
              <td>{d.attribute ?? '未提出'}</td>
              <td>{d.issuedOn ?? ''}</td>
              <td>{d.validity}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
