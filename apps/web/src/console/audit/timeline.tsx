import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { AuditHistoryView, RecordVerification } from '@gongkai/contracts/vocabulary';
import { ErrorNotice, Field, formatDate, formatDateTime, Loading, PageTitle, useApi } from '../../ui';

export function AuditTimeline() {
  const [params, setParams] = useSearchParams();
  const target = params.get('target') ?? '';
  const [input, setInput] = useState(target);
  const history = useApi<AuditHistoryView>(target ? `/api/audit/history/${encodeURIComponent(target)}` : null);
  const verify = useApi<RecordVerification>('/api/audit/verify');
  const show = (value: unknown) =>
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  return (
    <>
      <PageTitle lead="每一项公开决定：谁、在哪个单位、依据什么、何时作出；直接读自防篡改的事件存储">决定记录时间线</PageTitle>
      <section className="card" aria-labelledby="verify-heading">
        <h2 id="verify-heading">完整性校验</h2>
        {verify.loading ? <Loading what="校验结果" /> : null}
        <ErrorNotice error={verify.error} />
        {verify.data ? (
          <p data-testid="verify-result">{!verify.data.ok ? '发现哈希链断裂，请查看详情。' : '哈希链完整，未发现篡改。'}</p>
        ) : null}
      </section>
      <form
        className="form inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (input.trim()) setParams({ target: input.trim() });
        }}
      >
        <Field label="申请编号、单位代码或事件流" name="target" error={null}>
          {(p) => <input {...p} value={input} onChange={(e) => setInput(e.target.value)} />}
        </Field>
        <button type="submit" className="primary">
          查询
        </button>
      </form>
      {history.loading ? <Loading what="决定记录" /> : null}
      <ErrorNotice error={history.error} />
      {history.data ? (
        <ol className="timeline" data-testid="timeline">
          {history.data.entries.map((e) => (
            <li key={`${e.streamId}-${e.revision}`}>
              <p className="timeline-head">
                <strong>{e.typeLabel}</strong> <time dateTime={e.recordedAt}>{formatDateTime(e.recordedAt)}</time>
              </p>
              <p className="meta">
                {e.actor.roleLabel} {e.actor.name ? `${e.actor.name}（${e.actor.userId}）` : e.actor.userId}
                {e.actor.unitId ? `（${e.actor.unitId}）` : ''} · 第 {e.revision} 号事件
              </p>
              {e.ground ? <p>依据：{e.ground}</p> : null}
              {e.reason ? <p>理由：{e.reason}</p> : null}
              <details>
                <summary>全部内容与哈希</summary>
                <dl className="kv-list">
                  {e.fields.map((f) => (
                    <div key={f.name}>
                      <dt>{f.label}</dt>
                      <dd>{show(f.value)}</dd>
                    </div>
                  ))}
                  <dt>哈希</dt>
                  <dd className="hash">{e.hash}</dd>
                </dl>
              </details>
            </li>
          ))}
        </ol>
      ) : null}
      <p className="muted">生成日期：{formatDate(new Date().toISOString())}</p>
    </>
  );
}
