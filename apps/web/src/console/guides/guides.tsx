import { type FormEvent, useEffect, useState } from 'react';
import { GUIDE_STATE_LABELS, type GuideStatusView, type UnitGuideView } from '@gongkai/contracts/vocabulary';
import { api, ApiError, type Session } from '../../api';
import { asError, ErrorNotice, Field, Loading, Notice, PageTitle, seesDistrict, useApi } from '../../ui';

type GuideForm = UnitGuideView['content'];
const EMPTY: GuideForm = {
  office: '',
  address: '',
  hours: '',
  phone: '',
  channels: '',
  howToApply: '',
  fees: '',
  remedies: '',
  proactive: '',
};
const FIELDS: [keyof GuideForm, string, boolean][] = [
  ['office', '政府信息公开工作机构', false],
  ['address', '办公地址', false],
  ['hours', '办公时间', false],
  ['phone', '联系电话', false],
  ['channels', '申请渠道', true],
  ['howToApply', '申请方式和程序', true],
  ['fees', '收费', true],
  ['remedies', '救济途径', true],
  ['proactive', '主动公开的内容和方式（选填）', true],
];

function GuideEditor({ unitId }: { unitId: string }) {
  const current = useApi<UnitGuideView>(`/api/catalogue/portal/units/${encodeURIComponent(unitId)}/guide`);
  const [form, setForm] = useState<GuideForm>(EMPTY);
  const [error, setError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (current.data) setForm({ ...EMPTY, ...current.data.content });
  }, [current.data]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setMessage(null);
    const body = Object.fromEntries(Object.entries(form).filter(([, v]) => v.trim() !== ''));
    try {
      await api(`/api/catalogue/units/${encodeURIComponent(unitId)}/guide`, { method: 'PUT', body });
      setMessage('已发布新版本指南，门户网站将显示最新版本。');
      current.reload();
    } catch (e) {
      setError(asError(e));
    }
  };
  return (
    <section aria-labelledby="guide-edit-heading" className="card">
      <h2 id="guide-edit-heading">本单位指南</h2>
      {current.data ? (
        <p className="meta">
          当前为第{current.data.version}版，发布于 {current.data.publishedOn}。内容一年以上未变的，请核对后重新发布。
        </p>
      ) : (
        <p className="meta">尚未发布。</p>
      )}
      {message ? <Notice kind="success">{message}</Notice> : null}
      <ErrorNotice error={error} title="发布未成功，您填写的内容已保留" />
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        {FIELDS.map(([key, label, long]) => (
          <Field key={key} label={label} name={key} error={error} required={key !== 'proactive'}>
            {(p) =>
              long ? (
                <textarea {...p} rows={3} value={form[key] ?? ''} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
              ) : (
                <input {...p} value={form[key] ?? ''} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
              )
            }
          </Field>
        ))}
        <button type="submit" className="primary">
          发布新版本
        </button>
      </form>
    </section>
  );
}

function GuideStatus() {
  const status = useApi<GuideStatusView[]>('/api/catalogue/guides/status');
  const rows = (status.data ?? []).filter((r) => r.state !== 'current');
  return (
    <section aria-labelledby="guide-status-heading">
      <h2 id="guide-status-heading">需要关注的单位</h2>
      {status.loading ? <Loading what="指南情况" /> : null}
      <ErrorNotice error={status.error} />
      {status.data && rows.length === 0 ? <p className="muted">各单位均已发布指南，且一年内更新过。</p> : null}
      {rows.length > 0 ? (
        <table data-testid="guide-status" className="wide">
          <caption>未发布或超过一年未更新指南的单位（共 {rows.length} 个）</caption>
          <thead>
            <tr>
              <th scope="col">单位</th>
              <th scope="col">情况</th>
              <th scope="col">最近发布</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.unitId}>
                <th scope="row">{r.unitName}</th>
                <td>{GUIDE_STATE_LABELS[r.state]}</td>
                <td>{r.publishedOn ? `${r.publishedOn}（第${r.version}版）` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/** 政府信息公开指南 (Art. 12): a unit keeps its own; the district office sees who has none or an old one. */
export function GuidesPage({ session }: { session: Session }) {
  return (
    <>
      <PageTitle lead="《中华人民共和国政府信息公开条例》第十二条：行政机关编制、公布政府信息公开指南，并及时更新。">
        政府信息公开指南
      </PageTitle>
      {session.unitId && !seesDistrict(session) ? <GuideEditor unitId={session.unitId} /> : null}
      {seesDistrict(session) ? <GuideStatus /> : null}
    </>
  );
}
