import { useParams } from 'react-router-dom';
import type { ConcernStaffView, UnitListView } from '@gongkai/contracts/vocabulary';
import type { Session } from '../../api';
import {
  ActionForm,
  actsDistrictWide,
  Breadcrumb,
  CONCERN_RESPONSE_KIND_LABELS,
  CONCERN_SEVERITY_LABELS,
  ErrorNotice,
  Field,
  formatDateTime,
  INTERPRETATION_CHANNELS,
  isStaff,
  Loading,
  PageTitle,
  RECORD_CONFLICT,
  SelectField,
  unitName,
  useApi,
  useForm,
  useReadYourWrites,
} from '../../ui';
import { DueLines, useNow } from './concerns';

export function ConcernPage({ session }: { session: Session }) {
  const { concernId = '' } = useParams();
  const base = `/api/interpretation/concerns/${encodeURIComponent(concernId)}`;
  const concern = useApi<ConcernStaffView>(base);
  const units = useApi<UnitListView[]>('/api/catalogue/units');
  const now = useNow();
  const settle = useReadYourWrites(concern);
  const assign = useForm(
    `concern.assign.${concernId}`,
    { unitId: '', note: '' },
    { onDone: settle, revision: concern.data?.revision, conflict: RECORD_CONFLICT },
  );
  const { values: assignment, update: updateAssignment } = assign;
  const respond = useForm(
    `concern.reply.${concernId}`,
    {
      kind: '',
      content: '',
      channel: INTERPRETATION_CHANNELS[0],
    },
    { onDone: settle, revision: concern.data?.revision, conflict: RECORD_CONFLICT },
  );
  const { values: reply, update: updateReply, clear: clearReply } = respond;
  const c = concern.data;
  const pendingKinds = c ? c.dueBy.filter((d) => !c.responses.some((r) => r.kind === d.kind)).map((d) => d.kind) : [];
  const mayRespond = c?.unitId && isStaff(session) && (session.unitId === c.unitId || actsDistrictWide(session));
  return (
    <>
      <Breadcrumb
        trail={[
          ['工作台', '/console'],
          ['回应关切', '/console/concerns'],
          ['关切详情', null],
        ]}
      />
      {concern.loading && !c ? <Loading what="关切" /> : null}
      <ErrorNotice error={concern.error} />
      {c ? (
        <>
          <PageTitle
            lead={`${CONCERN_SEVERITY_LABELS[c.severity] ?? c.severity} · 来源：${c.source} · 登记 ${formatDateTime(c.registeredAt)}`}
          >
            {c.topic}
          </PageTitle>
          <div className="sticky-clock" aria-live="polite">
            <DueLines concern={c} now={now} />
          </div>
          <dl className="kv-list card">
            <dt>情况摘要</dt>
            <dd className="prewrap">{c.summary}</dd>
            <dt>责任单位</dt>
            <dd data-testid="concern-unit">{c.unitId ? unitName(units.data, c.unitId) : '未交办'}</dd>
          </dl>
          <section aria-labelledby="responses-heading">
            <h2 id="responses-heading">已发布的回应（{c.responses.length}）</h2>
            {c.responses.length ? (
              <ul className="cards" data-testid="concern-responses">
                {c.responses.map((r) => (
                  <li key={`${r.kind}-${r.publishedAt}`} className="card">
                    <h3>
                      {CONCERN_RESPONSE_KIND_LABELS[r.kind] ?? r.kind}{' '}
                      <span className={`badge ${r.onTime ? 'badge-ok' : 'badge-danger'}`}>{r.onTime ? '按时' : '逾时'}</span>
                    </h3>
                    <p className="prewrap">{r.content}</p>
                    <p className="meta">
                      {formatDateTime(r.publishedAt)} · {r.channel} · 用时 {r.hoursTaken} 小时
                    </p>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">尚未发布回应。</p>
            )}
          </section>
          {actsDistrictWide(session) ? (
            <section aria-labelledby="assign-heading" className="card">
              <h2 id="assign-heading">{c.unitId ? '改交责任单位' : '交办责任单位'}</h2>
              <ActionForm
                action={assign}
                failure="未交办"
                submitLabel="交办"
                onSubmit={() => {
                  void assign.run(
                    `${base}/assign`,
                    'POST',
                    { unitId: assignment.unitId, note: assignment.note.trim() || undefined },
                    '已交办。',
                  );
                }}
              >
                <SelectField
                  label="责任单位"
                  name="unitId"
                  error={assign.error}
                  required
                  placeholder="请选择"
                  options={(units.data ?? []).map((u) => [u.unitId, u.name] as const)}
                  value={assignment.unitId}
                  onChange={(unitId) => updateAssignment({ unitId })}
                />
                <Field label="交办说明" name="note" error={assign.error}>
                  {(p) => <input {...p} value={assignment.note} onChange={(e) => updateAssignment({ note: e.target.value })} />}
                </Field>
              </ActionForm>
            </section>
          ) : null}
          {mayRespond && pendingKinds.length ? (
            <section aria-labelledby="respond-heading" className="card">
              <h2 id="respond-heading">发布回应</h2>
              <ActionForm
                action={respond}
                failure="回应未发布，您填写的内容已保留"
                submitLabel="发布回应"
                onSubmit={() => {
                  void respond.run(
                    `${base}/responses`,
                    'POST',
                    { kind: reply.kind || pendingKinds[0], content: reply.content, channel: reply.channel },
                    '回应已发布。',
                    clearReply,
                  );
                }}
              >
                <SelectField
                  label="回应方式"
                  name="kind"
                  error={respond.error}
                  required
                  options={pendingKinds.map((k) => [k, CONCERN_RESPONSE_KIND_LABELS[k] ?? k] as const)}
                  value={reply.kind || pendingKinds[0]}
                  onChange={(kind) => updateReply({ kind })}
                />
                <Field label="回应内容" name="content" error={respond.error} required>
                  {(p) => <textarea {...p} rows={5} value={reply.content} onChange={(e) => updateReply({ content: e.target.value })} />}
                </Field>
                <SelectField
                  label="发布渠道"
                  name="channel"
                  error={respond.error}
                  required
                  options={INTERPRETATION_CHANNELS}
                  value={reply.channel}
                  onChange={(channel) => updateReply({ channel })}
                />
              </ActionForm>
            </section>
          ) : null}
        </>
      ) : null}
    </>
  );
}
