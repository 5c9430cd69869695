import { Link, useSearchParams } from 'react-router-dom';
import type { StaffItemView } from '@gongkai/contracts/vocabulary';
import type { DomainView, ItemContentView, UnitCoverageView, UnitListView } from '@gongkai/contracts/vocabulary';
import type { Session } from '../../api';
import { Breadcrumb, DISCLOSURE_CHANNELS, ErrorNotice, formatDate, ITEM_STAGES, Notice, PageTitle, UNIT_LEVELS, useApi } from '../../ui';
import { CoveragePanel } from './coverage';
import { SpreadsheetPanel } from './spreadsheet';
import { ItemRegister } from './item-register';

export { StatusBadge } from './item-register';

/** Staff side of a unit's standard catalogue (政务公开事项标准目录): the list, the item editor, spreadsheet import and export, coverage. */

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CHANNELS = DISCLOSURE_CHANNELS;
export const STAGES = ITEM_STAGES;
export const LEVELS = UNIT_LEVELS;

interface Milestone {
  key: string;
  label: string;
  deadline: string;
  achievedOn: string | null;
  status: 'on_time' | 'late' | 'open';
}
export interface CommandResult {
  itemId: string;
  revision: number;
  status: StaffItemView['status'];
  version: number;
}

const itemName = (c: ItemContentView | undefined) => c?.secondLevel || c?.firstLevel || '（未命名事项）';

function MilestoneBadge({ m }: { m: Milestone }) {
  const [kind, text] =
    m.status === 'on_time'
      ? ['badge-ok', `按时完成（${m.achievedOn ?? ''}）`]
      : m.status === 'late'
        ? ['badge-danger', m.achievedOn ? `逾期完成（${m.achievedOn}）` : '已逾期未完成']
        : ['badge-warn', '尚未完成'];
  return <span className={`badge ${kind}`}>{text}</span>;
}

export function NeedsUnit({ session }: { session: Session }) {
  return session.unitId ? null : <Notice kind="warn">公开事项目录由各单位编制和维护，请以单位身份登录后使用。</Notice>;
}

/** The views of the catalogue page (`?view=`). */
const VIEWS = [
  ['items', '本单位事项'],
  ['import', '导入导出'],
  ['coverage', '覆盖情况与对应建议'],
] as const;
type View = (typeof VIEWS)[number][0];

function ViewTabs({ view }: { view: View }) {
  return (
    <nav className="view-tabs" aria-label="公开事项目录">
      <ul>
        {VIEWS.map(([key, label]) => (
          <li key={key}>
            <Link
              to={key === 'items' ? '/console/catalogue' : `/console/catalogue?view=${key}`}
              aria-current={key === view ? 'page' : undefined}
            >
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function CatalogueConsole({ session }: { session: Session }) {
  const unitId = session.unitId;
  const [params] = useSearchParams();
  const view: View = VIEWS.find(([key]) => key === params.get('view'))?.[0] ?? 'items';
  const base = unitId ? `/api/catalogue/units/${encodeURIComponent(unitId)}` : null;
  const unit = useApi<UnitListView>(base);
  // The coverage panel names the items its proposed matches point at: the unit's items, the largest page.
  const items = useApi<StaffItemView[]>(base && view === 'coverage' ? `${base}/items?pageSize=200` : null);
  const todo = useApi<{ returned: StaffItemView[]; drafts: StaffItemView[] }>(base && `${base}/items/todo`);
  const coverage = useApi<UnitCoverageView>(base && `${base}/coverage`);
  const milestones = useApi<{ milestones: Milestone[] }>(base && `${base}/milestones`);
  const domains = useApi<DomainView[]>('/api/catalogue/portal/domains');
  const pct = coverage.data?.overall.percent;
  return (
    <>
      <Breadcrumb
        trail={[
          ['工作台', '/console'],
          ['公开事项目录', null],
        ]}
      />
      <PageTitle lead={`${unit.data?.name ?? unitId ?? ''}政务公开事项标准目录：起草、发布、修订、撤回，电子表格导入导出`}>
        公开事项目录
      </PageTitle>
      <NeedsUnit session={session} />
      {unitId ? <ViewTabs view={view} /> : null}
      {unitId && view === 'import' ? (
        <SpreadsheetPanel unitId={unitId} onImported={() => (items.reload(), todo.reload(), coverage.reload(), milestones.reload())} />
      ) : null}
      {unitId && view === 'coverage' ? <CoveragePanel unitId={unitId} items={items.data ?? []} /> : null}
      {unitId && view === 'items' ? (
        <>
          <section className="card" aria-labelledby="progress-heading">
            <h2 id="progress-heading">编制进度</h2>
            <ErrorNotice error={coverage.error ?? milestones.error} />
            <dl className="kv-list" data-testid="catalogue-progress">
              <dt>标准指引覆盖</dt>
              <dd>
                {coverage.data ? (
                  <span className={`badge ${pct === null || pct === undefined ? '' : pct >= 100 ? 'badge-ok' : 'badge-warn'}`}>
                    {pct === null || pct === undefined
                      ? '无应覆盖的指引事项'
                      : `${pct}%（已覆盖 ${coverage.data.overall.covered} / 应覆盖 ${coverage.data.overall.expected}）`}
                  </span>
                ) : (
                  '—'
                )}{' '}
                <Link to="/console/catalogue?view=coverage">各领域覆盖情况</Link>
              </dd>
            </dl>
            <h3 className="milestones-heading">编制里程碑</h3>
            <ul className="milestones" data-testid="catalogue-milestones">
              {(milestones.data?.milestones ?? []).map((m) => (
                <li key={m.key}>
                  <MilestoneBadge m={m} />
                  <span>
                    {m.label}
                    <span className="muted">（期限 {m.deadline}）</span>
                  </span>
                </li>
              ))}
            </ul>
          </section>

          <section aria-labelledby="todo-heading">
            <h2 id="todo-heading">待办：退回修改的事项（{todo.data?.returned.length ?? 0}）</h2>
            <ErrorNotice error={todo.error} />
            {todo.data && todo.data.returned.length === 0 ? <p className="muted">没有被区政府办公室退回的事项。</p> : null}
            <ul className="cards" data-testid="catalogue-todo">
              {(todo.data?.returned ?? []).map((i) => (
                <li key={i.itemId} className="card card-warn">
                  <h3>
                    <Link to={`/console/catalogue/items/${i.itemId}`}>{itemName(i.content)}</Link>
                  </h3>
                  <p className="meta">
                    退回意见（{formatDate(i.correction?.at)}）：<strong>{i.correction?.note}</strong>
                  </p>
                </li>
              ))}
            </ul>
            {todo.data && todo.data.drafts.length > 0 ? (
              <p className="muted">另有 {todo.data.drafts.length} 条草稿尚未发布（见下方列表）。</p>
            ) : null}
          </section>

          <section aria-labelledby="items-heading">
            <div className="section-head">
              <h2 id="items-heading">本单位事项</h2>
              <Link className="button-link primary" to="/console/catalogue/items/new">
                新增公开事项
              </Link>
            </div>
            {base ? <ItemRegister base={base} domains={domains.data} /> : null}
          </section>
        </>
      ) : null}
    </>
  );
}
