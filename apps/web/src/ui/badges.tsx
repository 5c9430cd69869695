import type { ObligationStaffView, RequestSummaryView } from '@gongkai/contracts/vocabulary';
import { shanghaiToday } from './format';
import { PROVISIONAL_DUE_NOTE } from './labels';

export function Remaining({ clock }: { clock: RequestSummaryView['clock'] }) {
  if (!clock) return <span className="badge">已办结</span>;
  if (clock.dueOn === null) {
    return (
      <span className="badge badge-warn" data-testid="remaining-days">
        补正期间停止计时
      </span>
    );
  }
  const kind = clock.overdue ? 'badge-danger' : clock.nearDue ? 'badge-warn' : 'badge-ok';
  return (
    <span className={`badge ${kind}`} data-testid="remaining-days">
      {clock.overdue ? `已逾期（期限 ${clock.dueOn}）` : `剩余 ${clock.remainingWorkingDays} 个工作日（${clock.dueOn} 前答复）`}
      {clock.paused ? '，计时暂停' : ''}
      {clock.provisional ? <abbr title={PROVISIONAL_DUE_NOTE}>（预计）</abbr> : null}
    </span>
  );
}

/** On time / late: published (with the API's verdict) or still open against the due date. */
export function DueBadge({ view }: { view: ObligationStaffView }) {
  const o = view.obligation;
  if (!o) return <span className="badge">无解读任务</span>;
  if (view.interpretation) {
    return view.interpretation.late ? (
      <span className="badge badge-danger" data-testid="due-status">
        逾期发布（{view.interpretation.publishedOn}，晚 {view.interpretation.workingDaysLate} 个工作日）
      </span>
    ) : (
      <span className="badge badge-ok" data-testid="due-status">
        按时发布（{view.interpretation.publishedOn}）
      </span>
    );
  }
  const overdue = shanghaiToday() > o.dueOn;
  return (
    <span className={`badge ${overdue ? 'badge-danger' : 'badge-warn'}`} data-testid="due-status">
      {overdue ? `已逾期（应于 ${o.dueOn} 前发布）` : `应于 ${o.dueOn} 前发布`}
      {o.dueOnProvisional ? <abbr title={PROVISIONAL_DUE_NOTE}>（预计）</abbr> : null}
    </span>
  );
}
