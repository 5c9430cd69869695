import { useParams } from 'react-router-dom';
import type { PublicOpenDayView } from '@gongkai/contracts/vocabulary';
import type { Session } from '../../api';
import {
  ActionForm,
  Breadcrumb,
  ErrorNotice,
  Field,
  formatDateTime,
  isStaff,
  Loading,
  Notice,
  OPEN_DAY_STATUS_LABELS,
  PageTitle,
  useApi,
  useForm,
  useReadYourWrites,
} from '../../ui';
import { ErasePersonalData, type PersonalDataRecord } from './personal-data';

export function OpenDayConsole({ session }: { session: Session }) {
  const { openDayId = '' } = useParams();
  const base = `/api/interpretation/open-days/${encodeURIComponent(openDayId)}`;
  const day = useApi<PublicOpenDayView>(base);
  const ownUnit = Boolean(day.data && session.unitId === day.data.unitId && isStaff(session));
  const registrants = useApi<PersonalDataRecord[]>(ownUnit ? `${base}/registrants` : null);
  const settle = useReadYourWrites(day);
  const publish = useForm(`openday.summary.${openDayId}`, { summary: '', attendance: '' }, { onDone: settle });
  const { values: summary, update: updateSummary, clear: clearSummary } = publish;
  const d = day.data;
  return (
    <>
      <Breadcrumb
        trail={[
          ['工作台', '/console'],
          ['公众参与', '/console/participation'],
          ['开放日', null],
        ]}
      />
      {day.loading && !d ? <Loading what="开放日" /> : null}
      <ErrorNotice error={day.error} />
      {d ? (
        <>
          <PageTitle lead={`${d.heldOn} · 已报名 ${d.registered}/${d.capacity} · ${OPEN_DAY_STATUS_LABELS[d.status]}`}>{d.title}</PageTitle>
          <section aria-labelledby="registrants-heading">
            <h2 id="registrants-heading">报名者名单</h2>
            {!ownUnit ? <Notice>报名者的个人信息仅限主办单位工作人员查阅。</Notice> : null}
            <ErrorNotice error={registrants.error} />
            {registrants.data ? (
              registrants.data.length ? (
                <ul className="cards" data-testid="registrants">
                  {registrants.data.map((r) => (
                    <li key={r.refId} className="card">
                      <h3>{r.name}</h3>
                      <p className="meta">
                        联系方式：{r.contact} · 报名时间 {formatDateTime(r.createdAt)}
                      </p>
                      <ErasePersonalData refId={r.refId} onErased={registrants.reload} />
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">暂无报名者（或个人信息已删除）。</p>
              )
            ) : null}
          </section>
          <section aria-labelledby="summary-heading" className="card">
            <h2 id="summary-heading">活动总结</h2>
            {d.summary ? (
              <p className="prewrap">
                {d.summary.summary}（参加 {d.summary.attendance} 人）
              </p>
            ) : ownUnit && d.status === 'held' ? (
              <ActionForm
                action={publish}
                failure="未发布，您填写的内容已保留"
                submitLabel="发布活动总结"
                onSubmit={() => {
                  void publish.run(
                    `${base}/summary`,
                    'POST',
                    { summary: summary.summary, attendance: summary.attendance === '' ? undefined : Number(summary.attendance) },
                    '活动总结已发布。',
                    clearSummary,
                  );
                }}
              >
                <Field label="总结" name="summary" error={publish.error} required>
                  {(p) => <textarea {...p} rows={4} value={summary.summary} onChange={(e) => updateSummary({ summary: e.target.value })} />}
                </Field>
                <Field label="实际参加人数" name="attendance" error={publish.error} required>
                  {(p) => (
                    <input
                      {...p}
                      inputMode="numeric"
                      value={summary.attendance}
                      onChange={(e) => updateSummary({ attendance: e.target.value })}
                    />
                  )}
                </Field>
              </ActionForm>
            ) : (
              <p className="muted">活动举行后发布总结。</p>
            )}
          </section>
        </>
      ) : null}
    </>
  );
}
