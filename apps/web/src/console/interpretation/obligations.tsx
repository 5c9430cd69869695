import { Link } from 'react-router-dom';
import type { ObligationStaffView, UnitListView } from '@gongkai/contracts/vocabulary';
import type { Session } from '../../api';
import { CardList, DueBadge, ErrorNotice, Loading, PageTitle, Pager, unitName, useApi, usePagedApi } from '../../ui';

export const STATUS_LABELS: Record<string, string> = { open: '待审签', signed_off: '已审签待发布', published: '已发布' };

export function InterpretationConsole({ session }: { session: Session }) {
  const units = useApi<UnitListView[]>('/api/catalogue/units');
  const rows = usePagedApi<ObligationStaffView>('/api/interpretation/obligations', 200);
  const list = (rows.data ?? []).filter((p) => p.obligation);
  const open = list.filter((p) => p.obligation?.status !== 'published');
  const done = list.filter((p) => p.obligation?.status === 'published');
  const card = (p: ObligationStaffView) => (
    <li key={p.documentId} className="card">
      <h3>
        <Link to={`/console/interpretation/${encodeURIComponent(p.documentId)}`}>{p.title}</Link>
      </h3>
      <p className="meta">
        {p.documentNumber} · {unitName(units.data, p.unitId)} · 印发 {p.issuedOn} ·{' '}
        {STATUS_LABELS[p.obligation?.status ?? ''] ?? p.obligation?.status}
      </p>
      <DueBadge view={p} />
    </li>
  );
  return (
    <>
      <PageTitle lead={`谁起草、谁解读：解读方案和材料与政策同步组织、同步审签、同步发布。${session.unitId ? '' : '（全区）'}`}>
        政策解读任务
      </PageTitle>
      {rows.loading ? <Loading what="解读任务" /> : null}
      <ErrorNotice error={rows.error} />
      {rows.data ? (
        <>
          <CardList heading="待完成" items={open} render={card} testId="obligations-open" />
          <CardList heading="已发布" items={done} render={card} />
          <Pager page={rows.page} total={rows.total} pageSize={rows.pageSize} onPage={rows.setPage} />
        </>
      ) : null}
    </>
  );
}
