import { useState } from 'react';
import { Link } from 'react-router-dom';
import { NOTICE_STATUS_LABELS, type NoticePageView, type NoticeStatusCode, type NoticeView } from '@gongkai/contracts/vocabulary';
import { api, type ApiError, type Session } from '../../api';
import { asError, ErrorNotice, formatDateTime, Loading, PageTitle, useApi } from '../../ui';

const PAGE = 50;

function RetryButton({ notice, onDone }: { notice: NoticeView; onDone: (error: ApiError | null) => void }) {
  const [busy, setBusy] = useState(false);
  const retry = async () => {
    setBusy(true);
    try {
      await api(`/api/requests/notices/${encodeURIComponent(notice.noticeId)}/retry`, { method: 'POST', body: {} });
      onDone(null);
    } catch (e) {
      onDone(asError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="secondary" onClick={() => void retry()} disabled={busy}>
      重新发送
    </button>
  );
}

/** The unit's notices by e-mail (the outbox): what was sent to applicants and staff, what waits, what failed. */
export function NoticesPage({ session }: { session: Session }) {
  const [status, setStatus] = useState<NoticeStatusCode | ''>('');
  const [offset, setOffset] = useState(0);
  const [error, setError] = useState<ApiError | null>(null);
  const query = new URLSearchParams({ offset: String(offset), limit: String(PAGE) });
  if (session.unitId) query.set('unitId', session.unitId);
  if (status) query.set('status', status);
  const page = useApi<NoticePageView>(`/api/requests/notices?${query.toString()}`);
  const rows = page.data?.rows ?? [];
  return (
    <>
      <PageTitle lead="选择电子邮件送达的申请人在受理、补正、延期、征求意见、收费和答复时收到邮件通知；工作人员每日收到到期提醒。">
        通知发送记录
      </PageTitle>
      <form className="form row align-end" onSubmit={(e) => e.preventDefault()}>
        <label>
          状态
          <select
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as NoticeStatusCode | '');
              setOffset(0);
            }}
          >
            <option value="">全部</option>
            {(Object.entries(NOTICE_STATUS_LABELS) as [NoticeStatusCode, string][]).map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </form>
      {page.loading ? <Loading what="通知" /> : null}
      <ErrorNotice error={page.error ?? error} />
      {page.data && rows.length === 0 ? <p className="muted">暂无通知。</p> : null}
      {rows.length > 0 ? (
        <div className="table-scroll" role="region" aria-label="通知表（可横向滚动）" tabIndex={0}>
          <table data-testid="notices" className="wide">
            <caption>
              共 {page.data?.total} 条，第 {offset + 1}–{offset + rows.length} 条
            </caption>
            <thead>
              <tr>
                <th scope="col">通知</th>
                <th scope="col">申请</th>
                <th scope="col">状态</th>
                <th scope="col">生成时间</th>
                <th scope="col">发送时间</th>
                <th scope="col">说明</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((n) => (
                <tr key={n.noticeId}>
                  <th scope="row">
                    {n.kindLabel}
                    <span className="meta block">{n.channelLabel}</span>
                  </th>
                  <td>{n.requestId ? <Link to={`/console/requests/${n.requestId}`}>{n.requestId}</Link> : '—'}</td>
                  <td>
                    {n.statusLabel}
                    {n.attempts > 0 ? <span className="meta block">已尝试 {n.attempts} 次</span> : null}
                  </td>
                  <td>{formatDateTime(n.createdAt)}</td>
                  <td>{n.sentAt ? formatDateTime(n.sentAt) : n.nextAttemptAt ? `下次尝试 ${formatDateTime(n.nextAttemptAt)}` : '—'}</td>
                  <td>
                    {n.note ?? (n.lastError ? <span className="meta">{n.lastError}</span> : null)}
                    {n.status === 'failed' ? (
                      <RetryButton
                        notice={n}
                        onDone={(e) => {
                          setError(e);
                          page.reload();
                        }}
                      />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {page.data && page.data.total > PAGE ? (
        <nav aria-label="分页" className="row">
          <button type="button" className="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            上一页
          </button>
          <button type="button" className="secondary" disabled={offset + PAGE >= page.data.total} onClick={() => setOffset(offset + PAGE)}>
            下一页
          </button>
        </nav>
      ) : null}
    </>
  );
}
