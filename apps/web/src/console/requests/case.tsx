import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { RequestDetailView, UnitListView } from '@gongkai/contracts/vocabulary';
import type { Session } from '../../api';
import {
  Breadcrumb,
  ErrorNotice,
  Loading,
  Notice,
  PageTitle,
  Remaining,
  seesDistrict,
  unitName,
  useApi,
  useReadYourWrites,
} from '../../ui';
import { RequestActions } from './actions';
import { CaseLetters } from './letters';
import { Step } from './steps/common';
import { ErasureForm, ErasureNotice } from './steps/erasure';

export function RequestCase({ session }: { session: Session }) {
  const { requestId = '' } = useParams();
  const r = useApi<RequestDetailView>(`/api/requests/${encodeURIComponent(requestId)}`);
  const settle = useReadYourWrites(r);
  const units = useApi<UnitListView[]>('/api/catalogue/units');
  // A request moved to another unit is that unit's: a unit's staff can no longer read it (the district office still can).
  const [transferred, setTransferred] = useState<{ requestId: string; to: string } | null>(null);
  const v = r.data;
  if (transferred?.requestId === requestId && !seesDistrict(session)) {
    return (
      <>
        <Breadcrumb
          trail={[
            ['工作台', '/console'],
            ['依申请公开', '/console/requests'],
            ['办理', null],
          ]}
        />
        <PageTitle>政府信息公开申请办理</PageTitle>
        <Notice>本申请已移交至{transferred.to}，由其办理。</Notice>
        <p>
          <Link to="/console/requests">返回依申请公开办理</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <Breadcrumb
        trail={[
          ['工作台', '/console'],
          ['依申请公开', '/console/requests'],
          ['办理', null],
        ]}
      />
      {r.loading && !v ? <Loading what="申请" /> : null}
      <ErrorNotice error={r.error} />
      {v ? (
        <>
          <PageTitle lead={`${unitName(units.data, v.unitId)} · ${v.channel} · 收到 ${v.receivedOn}`}>政府信息公开申请办理</PageTitle>
          <div className="sticky-clock" aria-live="polite">
            状态：<strong data-testid="case-status">{v.statusLabel}</strong> <Remaining clock={v.clock} />
          </div>
          <section aria-labelledby="applicant-heading" className="card">
            <h2 id="applicant-heading">申请内容</h2>
            <dl className="kv-list">
              <dt>申请人</dt>
              <dd>
                {v.applicant.name}（{v.applicant.type}）
                {v.applicant.idDocument ? ` ${v.applicant.idDocument.kind} ${v.applicant.idDocument.masked}` : ''}
              </dd>
              <dt>联系方式</dt>
              <dd>{[v.applicant.phone, v.applicant.email, v.applicant.address].filter(Boolean).join('；')}</dd>
              <dt>所需信息</dt>
              <dd className="prewrap">{v.description}</dd>
              {v.purpose ? (
                <>
                  <dt>用途</dt>
                  <dd>{v.purpose}</dd>
                </>
              ) : null}
              <dt>提供形式 / 获取方式</dt>
              <dd>
                {v.preferredForm} / {v.delivery}
              </dd>
              {v.receiptBasis ? (
                <>
                  <dt>收到日期依据</dt>
                  <dd>{v.receiptBasis}</dd>
                </>
              ) : null}
            </dl>
            <ErasureNotice v={v} />
            {v.closedOn && !v.personalDataErased && session.role === 'office_head' ? (
              <Step title="删除申请人个人信息">
                <ErasureForm v={v} reload={settle} />
              </Step>
            ) : null}
            {v.possibleRepeatOf.length ? (
              <Notice kind="warn">该申请人曾提出相似申请（可能为重复申请）：{v.possibleRepeatOf.join('、')}</Notice>
            ) : null}
          </section>
          <RequestActions
            request={v}
            session={session}
            units={units.data}
            reload={settle}
            onTransferred={(to) => setTransferred({ requestId, to })}
          />
          <CaseLetters request={v} />
          <p>
            <Link to={`/console/audit?target=${encodeURIComponent(v.requestId)}`}>查看本申请的决定记录</Link>
          </p>
        </>
      ) : null}
    </>
  );
}
