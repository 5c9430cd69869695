import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { PublicConsultationView, UnitListView } from '@gongkai/contracts/vocabulary';
import { api } from '../../api';
import {
  Breadcrumb,
  ErrorNotice,
  Field,
  Loading,
  Notice,
  PageTitle,
  Pager,
  shanghaiToday,
  unitName,
  useApi,
  useForm,
  usePagedApi,
} from '../../ui';

export function ConsultationsPage() {
  const list = usePagedApi<PublicConsultationView>('/api/interpretation/consultations', 20);
  const units = useApi<UnitListView[]>('/api/catalogue/units');
  return (
    <>
      <PageTitle lead="重大行政决策草案一般征求意见不少于30日，规范性文件不少于7个工作日">意见征集</PageTitle>
      {list.loading ? <Loading /> : null}
      <ErrorNotice error={list.error} />
      {list.data && list.data.length === 0 ? <p className="muted">目前没有征求意见的草案。</p> : null}
      <ul className="cards">
        {(list.data ?? []).map((c) => (
          <li key={c.consultationId} className="card">
            <h2 className="h3">
              <Link to={`/consultations/${c.consultationId}`}>{c.title}</Link>
            </h2>
            <p className="meta">
              {unitName(units.data, c.unitId)} · 征求意见期 {c.opensOn} 至 {c.closesOn} ·{' '}
              {c.adoption ? '已公布采纳情况' : `已收到意见 ${c.commentCount} 条`}
            </p>
          </li>
        ))}
      </ul>
      <Pager page={list.page} total={list.total} pageSize={list.pageSize} onPage={list.setPage} />
    </>
  );
}

export function ConsultationPage() {
  const { consultationId = '' } = useParams();
  const c = useApi<PublicConsultationView>(`/api/interpretation/consultations/${encodeURIComponent(consultationId)}`);
  const comment = useForm(`comment.${consultationId}`, { content: '', commenterName: '', contact: '' });
  const { values: form, update, clear, error } = comment;
  const [done, setDone] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void comment.submit(async () => {
      const result = await api<{ message: string }>(`/api/interpretation/consultations/${encodeURIComponent(consultationId)}/comments`, {
        method: 'POST',
        token: null,
        body: { content: form.content, commenterName: form.commenterName.trim() || undefined, contact: form.contact.trim() || undefined },
      });
      setDone(result.message);
      clear();
    });
  };
  const v = c.data;
  const today = shanghaiToday();
  return (
    <>
      <Breadcrumb
        trail={[
          ['意见征集', '/consultations'],
          [v?.title ?? '草案', null],
        ]}
      />
      {c.loading ? <Loading /> : null}
      <ErrorNotice error={c.error} />
      {v ? (
        <>
          <PageTitle lead={`征求意见期 ${v.opensOn} 至 ${v.closesOn} · 依据：${v.legalBasis}`}>{v.title}</PageTitle>
          <section aria-labelledby="draft-heading">
            <h2 id="draft-heading">草案全文</h2>
            <div className="prewrap card">{v.draft}</div>
          </section>
          {v.adoption ? (
            <section aria-labelledby="adoption-heading">
              <h2 id="adoption-heading">意见采纳情况（{v.adoption.publishedOn} 公布）</h2>
              <p>
                收到意见 {v.adoption.commentsReceived} 条：采纳 {v.adoption.adopted} 条，部分采纳 {v.adoption.partlyAdopted} 条，未采纳{' '}
                {v.adoption.notAdopted} 条。
              </p>
              <p className="prewrap">{v.adoption.summary}</p>
            </section>
          ) : null}
          <section aria-labelledby="comments-heading">
            <h2 id="comments-heading">已公开的意见（{v.comments.length}）</h2>
            <ul className="cards">
              {v.comments.map((m) => (
                <li key={m.commentId} className="card">
                  <p className="meta">
                    {m.commenter ?? '匿名'} · {m.submittedOn}
                  </p>
                  <p>{m.content}</p>
                </li>
              ))}
            </ul>
          </section>
          {today <= v.closesOn && today >= v.opensOn ? (
            <section aria-labelledby="comment-form-heading">
              <h2 id="comment-form-heading">提交意见</h2>
              {done ? <Notice kind="success">{done}</Notice> : null}
              <ErrorNotice error={error} title="提交未成功，您填写的内容已保留" />
              <form onSubmit={submit} noValidate className="form">
                <Field label="意见内容" name="content" error={error} required hint="经审核后公开，个人信息不公开">
                  {(p) => <textarea {...p} rows={5} value={form.content} onChange={(e) => update({ content: e.target.value })} />}
                </Field>
                <Field label="姓名（选填）" name="commenterName" error={error}>
                  {(p) => <input {...p} value={form.commenterName} onChange={(e) => update({ commenterName: e.target.value })} />}
                </Field>
                <Field label="联系方式（选填，不公开）" name="contact" error={error}>
                  {(p) => <input {...p} value={form.contact} onChange={(e) => update({ contact: e.target.value })} />}
                </Field>
                <button type="submit" className="primary">
                  提交意见
                </button>
              </form>
            </section>
          ) : (
            <p className="muted">{today < v.opensOn ? '征求意见尚未开始。' : '征求意见已截止。'}</p>
          )}
        </>
      ) : null}
    </>
  );
}
