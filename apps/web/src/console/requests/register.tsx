import { Link } from 'react-router-dom';
import * as vocabulary from '@gongkai/contracts/vocabulary';
import type { RequestSummaryView, UnitListView } from '@gongkai/contracts/vocabulary';
import type { Session } from '../../api';
import {
  APPLICANT_TYPES,
  ErrorNotice,
  Loading,
  PageTitle,
  Pager,
  Remaining,
  SelectField,
  seesDistrict,
  unitName,
  useApi,
  useServerList,
  hasAnyRole,
  HANDLER_ROLES,
} from '../../ui';

/** The register's filters as the API names them (also the page's query string: a filtered register can be bookmarked). */
const FILTER_KEYS = [
  'unitId',
  'status',
  'category',
  'applicantType',
  'channel',
  'handlerId',
  'receivedFrom',
  'receivedTo',
  'closedFrom',
  'closedTo',
  'q',
  'sort',
] as const;

const FLAG_LABELS: [string, string][] = [
  ['overdue', '已逾期'],
  ['near_due', '临近期限'],
  ['open', '在办'],
  ['closed', '已办结'],
  ['over_internal_limit', '超出内部时限'],
  ['back_entered', '补录'],
];
const STATUS_OPTIONS = Object.entries(vocabulary.REQUEST_STATUS_LABELS) as [string, string][];
const CHANNEL_OPTIONS = Object.entries(vocabulary.REQUEST_CHANNEL_LABELS) as [string, string][];
const CATEGORY_OPTIONS: [string, string][] = vocabulary.REPLY_CATEGORY_CODES.map((code) => {
  const { group, label } = vocabulary.REPLY_CATEGORIES[code];
  return [code, group === label ? label : `${group}：${label.replace(/（.*）$/, '')}`];
});
const SORT_OPTIONS: [string, string][] = [
  ['-receivedOn', '收到日期（新→旧）'],
  ['receivedOn', '收到日期（旧→新）'],
  ['dueOn', '答复期限（近→远）'],
  ['-closedOn', '办结日期（新→旧）'],
];
const PAGE_SIZE = 20;
const SELECT_FILTERS: [string, string, readonly (string | readonly [string, string])[]][] = [
  ['status', '状态', STATUS_OPTIONS],
  ['applicantType', '申请人类型', APPLICANT_TYPES],
  ['channel', '申请方式', CHANNEL_OPTIONS],
  ['category', '办理结果', CATEGORY_OPTIONS],
];
const TEXT_FILTERS: [string, string, 'text' | 'date'][] = [
  ['handlerId', '承办人（用户名）', 'text'],
  ['receivedFrom', '收到日期自', 'date'],
  ['receivedTo', '收到日期至', 'date'],
  ['closedFrom', '办结日期自', 'date'],
  ['closedTo', '办结日期至', 'date'],
];

/** Beijing's date of today, and the first day of its month. */
const beijingToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * The request register (登记台账, Art. 45): filters, a text box, sorting, pages from the server, and
 * the export of exactly the filtered rows as .xlsx.
 */
export function RequestRegister({ session }: { session: Session }) {
  const units = useApi<UnitListView[]>('/api/catalogue/units');
  const list = useServerList<RequestSummaryView>({
    endpoint: '/api/requests',
    exportEndpoint: '/api/requests/export.xlsx',
    keys: FILTER_KEYS,
    multi: ['flag'],
    defaults: { sort: '-receivedOn', ...(session.unitId ? { unitId: session.unitId } : {}) },
    pageSize: PAGE_SIZE,
  });
  const { draft, setDraft, set, chosen, toggle, result, page } = list;
  const thisMonth = () => {
    const today = beijingToday();
    setDraft((d) => ({ ...d, receivedFrom: `${today.slice(0, 8)}01`, receivedTo: today }));
  };

  return (
    <>
      <PageTitle lead="依据条例第四十五条，登记、审核、办理、答复、归档全程留痕；可按条件筛选并导出登记台账。">
        依申请公开登记台账
      </PageTitle>
      {hasAnyRole(session, HANDLER_ROLES) ? (
        <p>
          <Link className="button" to="/console/requests/new">
            登记纸质、信函、传真、当面申请
          </Link>
        </p>
      ) : null}
      {session.unitId ? (
        <p>
          <Link to="/console/letter-settings">答复书设置（署名、行政复议机关、联系方式、文号前缀）</Link>
        </p>
      ) : null}
      <form onSubmit={list.apply} className="form filters" role="search" aria-label="筛选申请">
        <div className="row">
          <div className="field">
            <label htmlFor="register-q">全文检索</label>
            <input
              id="register-q"
              type="search"
              value={draft.q}
              onChange={(e) => set('q')(e.target.value)}
              placeholder="申请内容或申请编号"
            />
          </div>
          {seesDistrict(session) ? (
            <SelectField
              label="单位"
              name="unitId"
              value={draft.unitId}
              onChange={set('unitId')}
              placeholder="全区"
              options={(units.data ?? []).map((u) => [u.unitId, u.name] as const)}
            />
          ) : null}
        </div>
        <fieldset>
          <legend>办理情况</legend>
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
          {SELECT_FILTERS.map(([key, label, options]) => (
            <SelectField key={key} label={label} name={key} value={draft[key]} onChange={set(key)} placeholder="全部" options={options} />
          ))}
        </div>
        <div className="row">
          {TEXT_FILTERS.map(([key, label, type]) => (
            <div className="field" key={key}>
              <label htmlFor={`register-${key}`}>{label}</label>
              <input id={`register-${key}`} type={type} value={draft[key]} onChange={(e) => set(key)(e.target.value)} />
            </div>
          ))}
          <SelectField label="排序" name="sort" value={draft.sort || '-receivedOn'} onChange={set('sort')} options={SORT_OPTIONS} />
        </div>
        <p className="actions">
          <button type="button" onClick={thisMonth}>
            本月收到
          </button>{' '}
          <button type="submit" className="primary">
            筛选
          </button>{' '}
          <button type="button" onClick={list.reset}>
            清除条件
          </button>{' '}
          <button type="button" onClick={() => void list.exportRows()} disabled={!result || result.total === 0}>
            导出登记台账（Excel）
          </button>
        </p>
      </form>
      {list.exported ? (
        <p role="status" className="muted">
          已导出：{list.exported}
        </p>
      ) : null}
      <ErrorNotice error={list.error} />
      {list.loading ? <Loading what="登记台账" /> : null}
      {result ? (
        <>
          <p role="status" data-testid="register-total">
            共 {result.total} 件
          </p>
          <RegisterTable rows={result.rows} units={units.data} />
          <Pager page={page} total={result.total} pageSize={PAGE_SIZE} onPage={list.goTo} />
        </>
      ) : null}
    </>
  );
}

function RegisterTable({ rows, units }: { rows: RequestSummaryView[]; units: UnitListView[] | null }) {
  if (rows.length === 0) return <p className="muted">没有符合条件的申请。</p>;
  return (
    <div className="table-scroll" role="region" aria-label="申请登记台账（可横向滚动）" tabIndex={0}>
      <table data-testid="register-table">
        <thead>
          <tr>
            <th scope="col">收到日期</th>
            <th scope="col">申请内容</th>
            <th scope="col">单位</th>
            <th scope="col">申请方式</th>
            <th scope="col">申请人类型</th>
            <th scope="col">状态</th>
            <th scope="col">期限</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.requestId} data-request-id={r.requestId}>
              <td>{r.receivedOn}</td>
              <td>
                <Link to={`/console/requests/${r.requestId}`}>
                  {r.description.length > 40 ? `${r.description.slice(0, 40)}…` : r.description}
                </Link>
                {r.backEntered ? <span className="badge"> 补录</span> : null}
              </td>
              <td>{unitName(units, r.unitId)}</td>
              <td>{r.channel}</td>
              <td>{r.applicantType}</td>
              <td>{r.statusLabel}</td>
              <td>
                <Remaining clock={r.clock} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
