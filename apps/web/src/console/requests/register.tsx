import { Link } from 'react-router-dom';
import * as vocabulary from '@gongkai/contracts/vocabulary';
import type { RequestSummaryView, UnitListView } from '@gongkai/contracts/vocabulary';
import type { Session } from '../../api';
import {
  APPLICANT_TYPES,
  PageTitle,
  RegisterChoices,
  RegisterFilters,
  RegisterInputs,
  RegisterResult,
  RegisterSelects,
  RegisterSort,
  RegisterTextBox,
  RegisterUnitFilter,
  Remaining,
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
  const thisMonth = () => {
    const today = beijingToday();
    list.setDraft((d) => ({ ...d, receivedFrom: `${today.slice(0, 8)}01`, receivedTo: today }));
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
      <RegisterFilters
        list={list}
        label="筛选申请"
        exportLabel="导出登记台账（Excel）"
        what="登记台账"
        actions={
          <>
            <button type="button" onClick={thisMonth}>
              本月收到
            </button>{' '}
          </>
        }
      >
        <div className="row">
          <RegisterTextBox list={list} id="register-q" placeholder="申请内容或申请编号" />
          <RegisterUnitFilter list={list} session={session} units={units.data} />
        </div>
        <RegisterChoices list={list} name="flag" legend="办理情况" options={FLAG_LABELS} />
        <div className="row">
          <RegisterSelects list={list} fields={SELECT_FILTERS} />
        </div>
        <div className="row">
          <RegisterInputs list={list} prefix="register" fields={TEXT_FILTERS} />
          <RegisterSort list={list} options={SORT_OPTIONS} />
        </div>
      </RegisterFilters>
      <RegisterResult list={list} unit="件" testId="register-total" empty="没有符合条件的申请。">
        <RegisterTable rows={list.result?.rows ?? []} units={units.data} />
      </RegisterResult>
    </>
  );
}

function RegisterTable({ rows, units }: { rows: RequestSummaryView[]; units: UnitListView[] | null }) {
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
