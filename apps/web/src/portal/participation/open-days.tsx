import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { type PublicOpenDayView, type UnitListView } from '@gongkai/contracts/vocabulary';
import { api } from '../../api';
import {
  ErrorNotice,
  Field,
  Loading,
  Notice,
  OPEN_DAY_STATUS_LABELS,
  PageTitle,
  Pager,
  unitName,
  useApi,
  useForm,
  usePagedApi,
} from '../../ui';

export function OpenDaysPage() {
  const days = usePagedApi<PublicOpenDayView>('/api/interpretation/open-days', 20);
  const units = useApi<UnitListView[]>('/api/catalogue/units');
  return (
    <>
      <PageTitle lead="走进政府机关，了解政策制定和执行，面对面交流">政府开放日</PageTitle>
      {days.loading ? <Loading what="开放日活动" /> : null}
      <ErrorNotice error={days.error} />
      {days.data && days.data.length === 0 ? <p className="muted">暂无开放日活动。</p> : null}
      <ul className="cards">
        {(days.data ?? []).map((d) => (
          <li key={d.openDayId} className="card">
            <h2 className="h3">
              <Link to={`/open-days/${encodeURIComponent(d.openDayId)}`}>{d.title}</Link>
            </h2>
            <p className="meta">
              {unitName(units.data, d.unitId)} · {d.heldOn} · {OPEN_DAY_STATUS_LABELS[d.status] ?? d.status}
              {d.status === 'upcoming' ? `（剩余名额 ${d.remaining}）` : ''}
            </p>
          </li>
        ))}
      </ul>
      <Pager page={days.page} total={days.total} pageSize={days.pageSize} onPage={days.setPage} />
    </>
  );
}

export function OpenDayPage() {
  const { openDayId = '' } = useParams();
  const day = useApi<PublicOpenDayView>(`/api/interpretation/open-days/${encodeURIComponent(openDayId)}`);
  const registration = useForm(`openday.${openDayId}`, { name: '', contact: '' });
  const { values: form, update, clear, error } = registration;
  const [done, setDone] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void registration.submit(async () => {
      await api(`/api/interpretation/open-days/${encodeURIComponent(openDayId)}/registrations`, {
        method: 'POST',
        token: null,
        body: form,
      });
      setDone(true);
      clear();
      day.reload();
    });
  };
  const d = day.data;
  return (
    <>
      {day.loading ? <Loading /> : null}
      <ErrorNotice error={day.error} />
      {d ? (
        <>
          <PageTitle lead={`活动日期 ${d.heldOn} · 名额 ${d.capacity}，剩余 ${d.remaining}`}>{d.title}</PageTitle>
          <p className="prewrap">{d.description}</p>
          {d.summary?.summary ? (
            <section>
              <h2>活动总结</h2>
              <p className="prewrap">{d.summary.summary}</p>
            </section>
          ) : null}
          {done ? <Notice kind="success">报名成功。</Notice> : null}
          {d.status !== 'upcoming' ? (
            <p className="muted">报名已截止。</p>
          ) : d.remaining === 0 && !done ? (
            <p className="muted">名额已满。</p>
          ) : (
            <>
              <ErrorNotice error={error} title="报名未成功，您填写的内容已保留" />
              <form onSubmit={submit} noValidate className="form">
                <Field label="姓名" name="name" error={error} required>
                  {(p) => <input {...p} value={form.name} onChange={(e) => update({ name: e.target.value })} />}
                </Field>
                <Field label="联系方式" name="contact" error={error} required>
                  {(p) => <input {...p} value={form.contact} onChange={(e) => update({ contact: e.target.value })} />}
                </Field>
                <button type="submit" className="primary">
                  报名
                </button>
              </form>
            </>
          )}
        </>
      ) : null}
    </>
  );
}
