import type { UnitListView } from '@gongkai/contracts/vocabulary';
import type { Session } from '../../api';
import { HANDLER_ROLES, hasAnyRole } from '../../ui';
import { type Case, Step } from './steps/common';
import { ConsultationsSection, ConsultationStartForm } from './steps/consultations';
import { CorrectionNoticeForm, CorrectionSection } from './steps/correction';
import { ExtensionForm, ExtensionSection } from './steps/extension';
import { CountItemsForm, FeeNoticeForm, FeeSection } from './steps/fee';
import { ChallengesSection } from './steps/challenges';
import { AssignForm, InvestigationRequestForm, InvestigationsSection, TransferForm } from './steps/handling';
import { OutcomeSection } from './steps/outcome';
import { ReasonsRequestForm, ReasonsSection } from './steps/reasons';
import { ReplySection } from './steps/reply';
import { ReplyFilesSection } from './steps/reply-files';

/**
 * The handling of one request: the facts its steps created (补正、征求意见、延期、收费、说明理由、答复、
 * 送达、归档、复议诉讼) with the form of each step the case is ready for, and the optional steps folded in 办理事项.
 */
export function RequestActions({
  request: v,
  session,
  units,
  reload,
  onTransferred,
}: {
  request: Case;
  session: Session;
  units: UnitListView[] | null;
  reload: (result?: unknown) => unknown;
  onTransferred: (unitName: string) => void;
}) {
  const handles = hasAnyRole(session, HANDLER_ROLES);
  const open = !v.closedOn;
  const ready = open && v.status !== 'awaiting_correction';
  const handler = v.handler;
  const steps = handles && open;
  return (
    <>
      <CorrectionSection v={v} reload={reload} handles={handles} />
      <InvestigationsSection v={v} units={units} reload={reload} handles={handles} />
      <ConsultationsSection v={v} reload={reload} handles={handles} />
      <ExtensionSection v={v} />
      <FeeSection v={v} reload={reload} handles={handles} />
      <ReasonsSection v={v} reload={reload} handles={handles} role={session.role} />
      {steps ? (
        <section aria-labelledby="steps-heading" className="card">
          <h2 id="steps-heading">办理事项</h2>
          {handler ? (
            <p className="meta">
              承办人：{handler.handlerName ? `${handler.handlerName}（${handler.handlerId}）` : handler.handlerId}，{handler.assignedOn}{' '}
              分配。
            </p>
          ) : null}
          {ready ? (
            <Step title={handler ? '更换承办人' : '分配承办人'} initiallyOpen={v.status === 'registered'}>
              <AssignForm v={v} reload={reload} session={session} />
            </Step>
          ) : null}
          {!v.correction && ['registered', 'in_progress'].includes(v.status) ? (
            <Step title="通知补正">
              <CorrectionNoticeForm v={v} reload={reload} />
            </Step>
          ) : null}
          {ready ? (
            <Step title="征求第三方或其他机关意见">
              <ConsultationStartForm v={v} reload={reload} />
            </Step>
          ) : null}
          {ready ? (
            <Step title="请求其他单位协助调查">
              <InvestigationRequestForm v={v} reload={reload} units={units} />
            </Step>
          ) : null}
          {ready && session.role === 'office_head' && !v.clock?.overdue ? (
            <Step title="延长答复期限">
              <ExtensionForm v={v} reload={reload} />
            </Step>
          ) : null}
          {!v.reasons && ['registered', 'in_progress'].includes(v.status) ? (
            <Step title="要求申请人说明理由（大量、频繁申请）">
              <ReasonsRequestForm v={v} reload={reload} />
            </Step>
          ) : null}
          {ready && !v.fee ? (
            <Step title="按一事一申请分项计件">
              <CountItemsForm v={v} reload={reload} />
            </Step>
          ) : null}
          {ready && !v.fee ? (
            <Step title="收取信息处理费">
              <FeeNoticeForm v={v} reload={reload} />
            </Step>
          ) : null}
          <Step title="移交其他单位">
            <TransferForm v={v} reload={reload} units={units} onTransferred={onTransferred} />
          </Step>
        </section>
      ) : null}
      <ReplySection v={v} reload={reload} role={session.role} />
      <ReplyFilesSection v={v} reload={reload} handles={handles} />
      <OutcomeSection v={v} reload={reload} handles={handles} />
      <ChallengesSection v={v} reload={reload} handles={handles} />
    </>
  );
}
