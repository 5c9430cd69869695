import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { RequestTrackingView } from '@gongkai/contracts/vocabulary';
import { ErrorNotice, Field, formatFileSize, Loading, PageTitle, PROVISIONAL_DUE_NOTE, useApi } from '../../ui';

export function TrackPage() {
  const [params, setParams] = useSearchParams();
  const [code, setCode] = useState(params.get('code') ?? '');
  const current = params.get('code');
  const result = useApi<RequestTrackingView>(current ? `/api/requests/track/${encodeURIComponent(current)}` : null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (code.trim()) setParams({ code: code.trim() });
  };
  const t = result.data;
  return (
    <>
      <PageTitle lead="凭提交申请时获得的查询码查询办理进度">查询申请进度</PageTitle>
      <form onSubmit={submit} className="form inline-form">
        <Field label="查询码" name="code" error={current ? result.error : null} apiField="code">
          {(p) => <input {...p} value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" />}
        </Field>
        <button type="submit" className="primary">
          查询
        </button>
      </form>
      {result.loading ? <Loading what="办理进度" /> : null}
      <ErrorNotice error={result.error} />
      {t ? (
        <section className="card" aria-labelledby="track-heading" aria-live="polite">
          <h2 id="track-heading">
            办理状态：<span data-testid="track-status">{t.statusLabel}</span>
          </h2>
          <dl className="kv-list">
            <dt>收到申请日期</dt>
            <dd>{t.receivedOn}</dd>
            {t.dueOn ? (
              <>
                <dt>答复期限</dt>
                <dd>
                  {t.dueOn}（剩余 {t.remainingWorkingDays} 个工作日）
                  {t.paused ? (
                    <p className="hint" data-testid="track-paused">
                      计时暂停：征求第三方或有关机关意见等所需时间不计算在答复期限内，答复期限相应顺延。
                    </p>
                  ) : null}
                  {t.dueOnProvisional ? <p className="hint">{PROVISIONAL_DUE_NOTE}</p> : null}
                </dd>
              </>
            ) : null}
            {t.correctionDueOn ? (
              <>
                <dt>补正期限</dt>
                <dd>{t.correctionDueOn}</dd>
              </>
            ) : null}
            {t.feeAmountYuan ? (
              <>
                <dt>应缴信息处理费</dt>
                <dd>
                  {t.feeAmountYuan} 元（{t.feePayByOn ? `请于 ${t.feePayByOn} 前缴纳` : '请自收到收费通知之日起20个工作日内缴纳'}
                  ，逾期未缴纳的视为放弃申请）
                </dd>
              </>
            ) : null}
            {t.result ? (
              <>
                <dt>答复结果</dt>
                <dd>{t.result}</dd>
              </>
            ) : null}
            {t.closedOn ? (
              <>
                <dt>办结日期</dt>
                <dd>{t.closedOn}</dd>
              </>
            ) : null}
          </dl>
          {t.files.length > 0 && current ? (
            <>
              <h3 id="track-files-heading">答复提供的信息</h3>
              <p className="hint">点击文件名下载。作删除处理的文件，提供的是删除处理后的版本，并列明删除的依据。</p>
              <ol aria-labelledby="track-files-heading" data-testid="track-files">
                {t.files.map((f) => (
                  <li key={f.fileId}>
                    <a href={`/api/requests/track/${encodeURIComponent(current)}/files/${f.file.sha256}`} download={f.file.originalName}>
                      {f.file.originalName}
                    </a>
                    （{formatFileSize(f.file.size)}）
                    {f.redactions.length > 0 ? <p className="meta">已作删除处理：{f.redactions.join('；')}</p> : null}
                  </li>
                ))}
              </ol>
            </>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
