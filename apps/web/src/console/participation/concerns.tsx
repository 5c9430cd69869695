import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { ConcernStaffView, UnitListView } from '@gongkai/contracts/vocabulary';
import type { Session } from '../../api';
import {
  ActionForm,
  actsDistrictWide,
  CardList,
  CONCERN_RESPONSE_KIND_LABELS,
  CONCERN_SEVERITY_LABELS,
  CONCERN_SOURCES,
  ErrorNotice,
  Field,
  formatDateTime,
  Loading,
  PageTitle,
  seesDistrict,
  SelectField,
  shanghaiToday,
  unitName,
  Pager,
  useApi,
  useForm,
  usePagedApi,
} from '../../ui';

/** The current time, refreshed every 30 seconds, so countdowns stay true while the page is open. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function hoursAndMinutes(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return days > 0 ? `${days} 天 ${hours} 小时` : `${hours} 小时 ${rest} 分钟`;
}

/** One required response of a concern: answered (on time or late), running, or overdue. */
function DueLine({ due, concern, now }: { due: ConcernStaffView['dueBy'][number]; concern: ConcernStaffView; now: number }) {
  const label = CONCERN_RESPONSE_KIND_LABELS[due.kind] ?? due.kind;
  const answer = concern.responses.find((r) => r.kind === due.kind);
  if (answer) {
    return (
      <span className={`badge ${answer.onTime ? 'badge-ok' : 'badge-danger'}`}>
        {label}：{answer.onTime ? '已按时' : '已逾时'}（{formatDateTime(answer.publishedAt)}，用时 {answer.hoursTaken} 小时）
      </span>
    );
  }
  if (!due.dueAt) return <span className="badge">{label}：无固定时限</span>;
  const left = Date.parse(due.dueAt) - now;
  if (left < 0)
    return (
      <span className="badge badge-danger">
        {label}：已超时 {hoursAndMinutes(-left)}（时限 {due.hours} 小时）
      </span>
    );
  return (
    <span className={`badge ${left < 2 * 3_600_000 ? 'badge-danger' : 'badge-warn'}`}>
      {label}：剩余 {hoursAndMinutes(left)}（{formatDateTime(due.dueAt)} 前）
    </span>
  );
}

export function DueLines({ concern, now }: { concern: ConcernStaffView; now: number }) {
  return (
    <p className="actions" data-testid="concern-due">
      {concern.dueBy.map((due) => (
        <DueLine key={due.kind} due={due} concern={concern} now={now} />
      ))}
    </p>
  );
}

const concernOpen = (c: ConcernStaffView) => c.dueBy.some((d) => !c.responses.some((r) => r.kind === d.kind));

export function ConcernsConsole({ session }: { session: Session }) {
  const district = seesDistrict(session);
  const rows = usePagedApi<ConcernStaffView>(
    `/api/interpretation/concerns${!district && session.unitId ? `?unitId=${session.unitId}` : ''}`,
    200,
  );
  const units = useApi<UnitListView[]>('/api/catalogue/units');
  const now = useNow();
  const register = useForm(
    'concern.new',
    { source: CONCERN_SOURCES[0], topic: '', summary: '', severity: 'hot_issue' },
    { onDone: rows.reload },
  );
  const { values: form, update, clear } = register;
  const list = rows.data ?? [];
  const open = list.filter(concernOpen);
  const card = (c: ConcernStaffView) => (
    <li key={c.concernId} className="card">
      <h3>
        <Link to={`/console/concerns/${encodeURIComponent(c.concernId)}`}>{c.topic}</Link>
      </h3>
      <p className="meta">
        {CONCERN_SEVERITY_LABELS[c.severity] ?? c.severity} · 来源：{c.source} · 登记 {formatDateTime(c.registeredAt)} · 责任单位：
        {c.unitId ? unitName(units.data, c.unitId) : '未交办'}
      </p>
      <DueLines concern={c} now={now} />
    </li>
  );
  return (
    <>
      <PageTitle lead="重大突发事件、社会热点和群众关切：按时限发布权威信息、召开新闻发布会或作出回应。">回应关切</PageTitle>
      {rows.loading && !rows.data ? <Loading what="关切" /> : null}
      <ErrorNotice error={rows.error} />
      {rows.data ? (
        <>
          <CardList heading="待回应" items={open} render={card} testId="concerns-open" />
          <CardList heading="已回应" items={list.filter((c) => !concernOpen(c))} render={card} />
          <Pager page={rows.page} total={rows.total} pageSize={rows.pageSize} onPage={rows.setPage} />
        </>
      ) : null}
      {actsDistrictWide(session) ? (
        <section aria-labelledby="register-heading" className="card">
          <h2 id="register-heading">登记社会关切</h2>
          <ActionForm
            action={register}
            failure="未登记，您填写的内容已保留"
            submitLabel="登记"
            onSubmit={() => {
              const concernId = `C-${shanghaiToday().replaceAll('-', '')}-${Date.now().toString(36).slice(-5)}`;
              void register.run('/api/interpretation/concerns', 'POST', { concernId, ...form }, '已登记，时限自登记时起计算。', clear);
            }}
          >
            <Field label="关切事项" name="topic" error={register.error} required>
              {(p) => <input {...p} value={form.topic} onChange={(e) => update({ topic: e.target.value })} />}
            </Field>
            <Field label="情况摘要" name="summary" error={register.error} required>
              {(p) => <textarea {...p} rows={3} value={form.summary} onChange={(e) => update({ summary: e.target.value })} />}
            </Field>
            <div className="row">
              <SelectField
                label="类别"
                name="severity"
                error={register.error}
                required
                hint="决定回应时限"
                options={Object.entries(CONCERN_SEVERITY_LABELS)}
                value={form.severity}
                onChange={(severity) => update({ severity })}
              />
              <SelectField
                label="来源"
                name="source"
                error={register.error}
                required
                options={CONCERN_SOURCES}
                value={form.source}
                onChange={(source) => update({ source })}
              />
            </div>
          </ActionForm>
        </section>
      ) : null}
    </>
  );
}

/** Console home: concerns of the unit (or, for the district office, all) still waiting for a response. */
export function ConcernsDue({ session }: { session: Session }) {
  const district = actsDistrictWide(session);
  const rows = useApi<ConcernStaffView[]>(
    district || session.unitId ? `/api/interpretation/concerns?pageSize=200${district ? '' : `&unitId=${session.unitId}`}` : null,
  );
  const now = useNow();
  const open = (rows.data ?? []).filter(concernOpen);
  if (!rows.error && open.length === 0) return null;
  return (
    <section aria-labelledby="concerns-due-heading">
      <h2 id="concerns-due-heading">回应关切：待回应（{open.length}）</h2>
      <ErrorNotice error={rows.error} />
      <ul className="cards">
        {open.map((c) => (
          <li key={c.concernId} className="card">
            <h3>
              <Link to={`/console/concerns/${encodeURIComponent(c.concernId)}`}>{c.topic}</Link>
            </h3>
            <DueLines concern={c} now={now} />
          </li>
        ))}
      </ul>
    </section>
  );
}
