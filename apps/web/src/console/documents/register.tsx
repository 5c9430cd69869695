import { Link } from 'react-router-dom';
import type { DocumentStaffView, UnitListView } from '@gongkai/contracts/vocabulary';
import * as vocabulary from '@gongkai/contracts/vocabulary';
import type { Session } from '../../api';
import {
  PHASE_LABELS,
  RegisterChoices,
  RegisterFilters,
  RegisterInputs,
  RegisterResult,
  RegisterSelects,
  RegisterSort,
  RegisterTextBox,
  RegisterUnitFilter,
  seesDistrict,
  unitName,
  useServerList,
} from '../../ui';

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
const DATES: [string, string, 'date'][] = [
  ['issuedFrom', '印发日期自', 'date'],
  ['issuedTo', '印发日期至', 'date'],
  ['registeredFrom', '登记日期自', 'date'],
  ['registeredTo', '登记日期至', 'date'],
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
  return (
    <section aria-labelledby="document-register-heading">
      <h2 id="document-register-heading">公文登记簿</h2>
      <RegisterFilters list={list} label="筛选公文" exportLabel="导出公文登记簿（Excel）" what="公文登记簿">
        <div className="row">
          <RegisterTextBox list={list} id="documents-q" placeholder="标题、文号或索引号" />
          <RegisterUnitFilter list={list} session={session} units={units} />
        </div>
        <RegisterChoices list={list} name="flag" legend="需关注" options={FLAG_LABELS} />
        <div className="row">
          <RegisterSelects list={list} fields={SELECTS} />
        </div>
        <div className="row">
          <RegisterInputs list={list} prefix="documents" fields={DATES} />
          <RegisterSort list={list} options={SORT_OPTIONS} />
        </div>
      </RegisterFilters>
      <RegisterResult list={list} unit="件" testId="documents-total" empty="没有符合条件的公文。">
        <DocumentRegisterTable rows={list.result?.rows ?? []} units={units} />
      </RegisterResult>
    </section>
  );
}

function DocumentRegisterTable({ rows, units }: { rows: DocumentStaffView[]; units: UnitListView[] | null }) {
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
