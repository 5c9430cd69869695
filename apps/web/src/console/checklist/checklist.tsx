import { type FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  CHECKLIST_TARGET_KIND_LABELS,
  type ChecklistCandidatesView,
  type ChecklistCategoryView,
  type ChecklistLinkView,
  type ChecklistOverviewRow,
  type UnitChecklistView,
  type UnitListView,
} from '@gongkai/contracts/vocabulary';
import { api, ApiError, type Session } from '../../api';
import {
  asError,
  ErrorNotice,
  Field,
  HANDLER_ROLES,
  hasAnyRole,
  Loading,
  Notice,
  PageTitle,
  seesDistrict,
  useApi,
  useReadYourWrites,
} from '../../ui';

const LEAD =
  '《中华人民共和国政府信息公开条例》第二十条、第二十一条规定了行政机关应当主动公开的政府信息。每个类别至少关联一项已发布的目录事项或已公开的公文。';

/** The category's name as people cite it: 第二十条第（七）项：财政预算、决算信息. */
export const categoryTitle = (c: Pick<ChecklistCategoryView, 'citation' | 'text'>) => `${c.citation}：${c.text}`;
type Entry = { categoryCode: string; targetKind: ChecklistLinkView['targetKind']; targetId: string };
const checklistPath = (unitId: string) => `/api/catalogue/units/${encodeURIComponent(unitId)}/checklist`;

/** The unit's categories without published content, for the console home page. */
export function ChecklistGaps({ unitId }: { unitId: string }) {
  const checklist = useApi<UnitChecklistView>(checklistPath(unitId));
  const gaps = (checklist.data?.categories ?? []).filter((c) => c.gap);
  if (!checklist.data && !checklist.error) return null;
  return (
    <section aria-labelledby="checklist-gaps-heading" data-testid="checklist-gaps">
      <h2 id="checklist-gaps-heading">主动公开清单：尚无公开内容的法定类别（{gaps.length}）</h2>
      <ErrorNotice error={checklist.error} />
      {checklist.data ? (
        <p className="meta">
          已覆盖 {checklist.data.covered}/{checklist.data.counted} 类（{checklist.data.percent ?? 0}%）。
          <Link to="/console/checklist">打开主动公开清单</Link>
        </p>
      ) : null}
      <ul>
        {gaps.map((c) => (
          <li key={c.code}>{categoryTitle(c)}</li>
        ))}
      </ul>
    </section>
  );
}

function LinkList({
  links,
  onUnlink,
}: {
  links: ChecklistLinkView[];
  onUnlink: ((link: ChecklistLinkView, reason: string) => Promise<void>) | null;
}) {
  const [removing, setRemoving] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  if (links.length === 0) return <p className="muted">尚未关联内容。</p>;
  return (
    <ul>
      {links.map((l) => (
        <li key={`${l.targetKind}-${l.targetId}`}>
          {CHECKLIST_TARGET_KIND_LABELS[l.targetKind]}：<Link to={l.href}>{l.title}</Link>
          {l.pending ? <span className="badge badge-warn">尚未公开发布</span> : null}
          {onUnlink && removing !== l.targetId ? (
            <button type="button" className="link-button" onClick={() => setRemoving(l.targetId)}>
              取消关联
            </button>
          ) : null}
          {onUnlink && removing === l.targetId ? (
            <form
              className="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                void onUnlink(l, reason).then(() => setRemoving(null));
              }}
            >
              <label>
                取消理由 <input value={reason} onChange={(e) => setReason(e.target.value)} required />
              </label>
              <button type="submit">确认取消</button>
            </form>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function CategoryCard({
  category,
  candidates,
  editable,
  act,
}: {
  category: ChecklistCategoryView;
  candidates: ChecklistCandidatesView | null;
  editable: boolean;
  act: (path: 'links' | 'unlink' | 'proposals/dismiss', body: Entry & { reason?: string }) => Promise<void>;
}) {
  const [choice, setChoice] = useState('');
  const entry = (l: Pick<ChecklistLinkView, 'targetKind' | 'targetId'>): Entry => ({ categoryCode: category.code, ...l });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const [targetKind, ...id] = choice.split(':');
    if (!id.length) return;
    void act('links', entry({ targetKind: targetKind as Entry['targetKind'], targetId: id.join(':') })).then(() => setChoice(''));
  };
  const headingId = `checklist-${category.code}-heading`;
  return (
    <li className="card" data-testid={`checklist-${category.code}`} aria-labelledby={headingId}>
      <h3 id={headingId}>
        {categoryTitle(category)} {category.gap ? <span className="badge badge-warn">缺项</span> : null}
        {category.catchAll ? <span className="badge">兜底项，不计入覆盖率</span> : null}
      </h3>
      <LinkList links={category.links} onUnlink={editable ? (l, reason) => act('unlink', { ...entry(l), reason }) : null} />
      {category.proposals.length ? (
        <>
          <p className="meta">系统建议（按领域或标题匹配，需确认）：</p>
          <ul>
            {category.proposals.map((p) => (
              <li key={`${p.targetKind}-${p.targetId}`}>
                {CHECKLIST_TARGET_KIND_LABELS[p.targetKind]}：{p.title}（匹配：{p.matched.join('、')}）
                {editable ? (
                  <>
                    {' '}
                    <button type="button" onClick={() => void act('links', entry(p))}>
                      确认关联
                    </button>{' '}
                    <button type="button" className="link-button" onClick={() => void act('proposals/dismiss', entry(p))}>
                      不采纳
                    </button>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {editable && candidates ? (
        <form className="inline-form" onSubmit={submit}>
          <Field label="关联内容" name={`target-${category.code}`}>
            {(p) => (
              <select {...p} value={choice} onChange={(e) => setChoice(e.target.value)}>
                <option value="">请选择本单位已发布的目录事项或主动公开公文</option>
                <optgroup label="目录事项">
                  {candidates.items.map((i) => (
                    <option key={i.targetId} value={`item:${i.targetId}`}>
                      {i.title}（{i.domainName}）
                    </option>
                  ))}
                </optgroup>
                <optgroup label="主动公开公文">
                  {candidates.documents.map((d) => (
                    <option key={d.targetId} value={`document:${d.targetId}`}>
                      {d.title}（{d.documentNumber}
                      {d.published ? '' : '，尚未公开发布'}）
                    </option>
                  ))}
                </optgroup>
              </select>
            )}
          </Field>
          <button type="submit" disabled={!choice}>
            关联
          </button>
        </form>
      ) : null}
    </li>
  );
}

/** One unit's checklist: categories, links, proposals; the unit's officers (and the district office) edit it. */
export function UnitChecklist({ unitId, editable }: { unitId: string; editable: boolean }) {
  const checklist = useApi<UnitChecklistView>(checklistPath(unitId));
  const candidates = useApi<ChecklistCandidatesView>(editable ? `${checklistPath(unitId)}/candidates` : null);
  const [error, setError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const caughtUp = useReadYourWrites(checklist);
  const act = async (path: 'links' | 'unlink' | 'proposals/dismiss', body: Entry & { reason?: string }) => {
    setError(null);
    setMessage(null);
    try {
      const result = await api(`${checklistPath(unitId)}/${path}`, { method: 'POST', body });
      await caughtUp(result);
      setMessage(path === 'links' ? '已关联。' : path === 'unlink' ? '已取消关联。' : '已不采纳该建议。');
    } catch (e) {
      setError(asError(e));
    }
  };
  if (checklist.loading && !checklist.data) return <Loading what="主动公开清单" />;
  const view = checklist.data;
  return (
    <section aria-labelledby="unit-checklist-heading">
      <h2 id="unit-checklist-heading">
        {view ? `${view.unitName}：已覆盖 ${view.covered}/${view.counted} 类（${view.percent ?? 0}%）` : '主动公开清单'}
      </h2>
      <ErrorNotice error={checklist.error ?? candidates.error} />
      <ErrorNotice error={error} title="操作未成功" />
      {message ? <Notice kind="success">{message}</Notice> : null}
      <ul className="cards checklist">
        {(view?.categories ?? []).map((c) => (
          <CategoryCard key={c.code} category={c} candidates={candidates.data} editable={editable} act={act} />
        ))}
      </ul>
    </section>
  );
}

function Overview({ onPick }: { onPick: (unitId: string) => void }) {
  const overview = useApi<ChecklistOverviewRow[]>('/api/catalogue/checklists');
  return (
    <section aria-labelledby="checklist-overview-heading">
      <h2 id="checklist-overview-heading">各单位覆盖情况</h2>
      {overview.loading ? <Loading what="各单位清单" /> : null}
      <ErrorNotice error={overview.error} />
      {overview.data ? (
        <table className="wide" data-testid="checklist-overview">
          <caption>各单位主动公开清单的覆盖率和缺项（共 {overview.data.length} 个单位）</caption>
          <thead>
            <tr>
              <th scope="col">单位</th>
              <th scope="col">覆盖</th>
              <th scope="col">缺项</th>
            </tr>
          </thead>
          <tbody>
            {overview.data.map((r) => (
              <tr key={r.unitId}>
                <th scope="row">
                  <button type="button" className="link-button" onClick={() => onPick(r.unitId)}>
                    {r.unitName}
                  </button>
                </th>
                <td>
                  {r.covered}/{r.counted}（{r.percent ?? 0}%）
                </td>
                <td>
                  {r.gaps.length
                    ? r.gaps.map((g) => `${g.citation}${g.citation.startsWith('第二十一条') ? `“${g.text}”` : ''}`).join('；')
                    : '无'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/** 主动公开清单 (Arts. 20–21): a unit keeps its own; the district office sees every unit's gaps and may edit any unit's. */
export function ChecklistPage({ session }: { session: Session }) {
  const district = seesDistrict(session);
  const units = useApi<UnitListView[]>(district ? '/api/catalogue/units' : null);
  const [picked, setPicked] = useState<string | null>(null);
  const unitId = district ? picked : session.unitId;
  const editable = hasAnyRole(session, HANDLER_ROLES);
  return (
    <>
      <PageTitle lead={LEAD}>主动公开清单</PageTitle>
      {district ? (
        <>
          <Overview onPick={setPicked} />
          <Field label="查看单位" name="checklist-unit">
            {(p) => (
              <select {...p} value={picked ?? ''} onChange={(e) => setPicked(e.target.value || null)}>
                <option value="">请选择单位</option>
                {(units.data ?? []).map((u) => (
                  <option key={u.unitId} value={u.unitId}>
                    {u.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </>
      ) : null}
      {unitId ? <UnitChecklist key={unitId} unitId={unitId} editable={editable} /> : null}
    </>
  );
}
