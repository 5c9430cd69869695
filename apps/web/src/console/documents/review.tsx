import { type FormEvent, useState } from 'react';
import { useParams } from 'react-router-dom';
import type { DocumentStaffView, UnitListView } from '@gongkai/contracts/vocabulary';
import { api, type Session } from '../../api';
import {
  ActionForm,
  Breadcrumb,
  ErrorNotice,
  Field,
  GROUNDS,
  isUnitStaff,
  Loading,
  Notice,
  PageTitle,
  PHASE_LABELS,
  RadioOptions,
  RECORD_CONFLICT,
  SelectField,
  unitName,
  useApi,
  useForm,
  useReadYourWrites,
} from '../../ui';
import { draftsFor, IssueForm, ProposeAttributeForm } from './drafting';
import { DocumentFiles } from './files';
import { openReviewYear } from './list';

export function DocumentReview({ session }: { session: Session }) {
  const { documentId = '' } = useParams();
  const doc = useApi<DocumentStaffView>(`/api/document-attributes/documents/${encodeURIComponent(documentId)}`);
  const settle = useReadYourWrites(doc);
  const units = useApi<UnitListView[]>('/api/catalogue/units');
  const review = useForm(
    `attr.${documentId}`,
    { outcome: 'approve', attribute: '依申请公开', legalBasis: '', reason: '' },
    { onDone: settle, revision: doc.data?.revision, conflict: RECORD_CONFLICT },
  );
  const { values: form, update, error } = review;
  const [message, setMessage] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const body =
      form.outcome === 'approve'
        ? { outcome: 'approve' }
        : form.outcome === 'return'
          ? { outcome: 'return', reason: form.reason || null }
          : {
              outcome: 'change',
              attribute: form.attribute,
              legalBasis: form.attribute === '主动公开' ? null : form.legalBasis || null,
              reason: form.reason || null,
            };
    void review.submit(async () => {
      const result = await api(`/api/document-attributes/documents/${encodeURIComponent(documentId)}/confidentiality-review`, {
        method: 'POST',
        body,
        ifMatch: doc.data?.revision,
      });
      setMessage(form.outcome === 'approve' ? '已确认公开属性。' : form.outcome === 'return' ? '已退回。' : '已变更公开属性。');
      await settle(result);
    });
  };
  const d = doc.data;
  return (
    <>
      <Breadcrumb
        trail={[
          ['工作台', '/console'],
          ['公文', '/console/documents'],
          ['保密审查', null],
        ]}
      />
      {doc.loading && !d ? <Loading /> : null}
      <ErrorNotice error={doc.error} />
      {d ? (
        <>
          <PageTitle lead={`${d.documentNumber} · ${d.documentType} · ${unitName(units.data, d.unitId)}`}>{d.title}</PageTitle>
          <dl className="kv-list card">
            <dt>环节</dt>
            <dd data-testid="document-phase">{PHASE_LABELS[d.phase] ?? d.phase}</dd>
            <dt>公开属性</dt>
            <dd data-testid="document-attribute">{d.attribute ?? '未提出'}</dd>
            {d.legalBasis ? (
              <>
                <dt>依据</dt>
                <dd>{GROUNDS.find(([c]) => c === d.legalBasis)?.[1] ?? d.legalBasis}</dd>
              </>
            ) : null}
            {d.reason ? (
              <>
                <dt>理由</dt>
                <dd>{d.reason}</dd>
              </>
            ) : null}
            <dt>成文日期</dt>
            <dd data-testid="staff-formed-on">{d.formedOn ?? d.writtenOn ?? '—'}</dd>
            {d.issuedOn ? (
              <>
                <dt>印发日期</dt>
                <dd>{d.issuedOn}</dd>
              </>
            ) : null}
            {d.publicationDueOn ? (
              <>
                <dt>应公开期限</dt>
                <dd data-testid="publication-due">{d.publicationDueOn}（自成文日期起 20 个工作日，条例第二十六条）</dd>
              </>
            ) : null}
            <dt>是否需要解读</dt>
            <dd>{d.needsInterpretation ? '是' : '否'}</dd>
            {d.indexNumber ? (
              <>
                <dt>索引号</dt>
                <dd data-testid="staff-index-number">{d.indexNumber}</dd>
              </>
            ) : null}
          </dl>
          <DocumentFiles session={session} document={d} onDone={settle} />
          {d.phase === 'drafting' && draftsFor(session, d) ? <ProposeAttributeForm document={d} onDone={settle} /> : null}
          {d.phase === 'confirmed' && draftsFor(session, d) ? <IssueForm document={d} onDone={settle} /> : null}
          {message ? <Notice kind="success">{message}</Notice> : null}
          {review.feedback('操作未成功，您填写的内容已保留')}
          {d.phase === 'proposed' && session.role === 'reviewer' ? (
            <form className="form card" onSubmit={submit} noValidate>
              <h2>保密审查</h2>
              <fieldset>
                <legend>审查结论</legend>
                <RadioOptions
                  name="outcome"
                  options={[
                    ['approve', '通过（确认建议的公开属性）'],
                    ['change', '变更公开属性'],
                    ['return', '退回起草单位'],
                  ]}
                  value={form.outcome}
                  onChange={(outcome) => update({ outcome })}
                />
              </fieldset>
              {form.outcome === 'change' ? (
                <>
                  <Field label="变更为" name="attribute" error={error} required>
                    {(p) => (
                      <select {...p} value={form.attribute} onChange={(e) => update({ attribute: e.target.value })}>
                        <option>主动公开</option>
                        <option>依申请公开</option>
                        <option>不予公开</option>
                      </select>
                    )}
                  </Field>
                  {form.attribute !== '主动公开' ? (
                    <SelectField
                      label="依据（条例第十四至十六条）"
                      name="legalBasis"
                      error={error}
                      required
                      placeholder="请选择"
                      options={GROUNDS}
                      value={form.legalBasis}
                      onChange={(legalBasis) => update({ legalBasis })}
                    />
                  ) : null}
                </>
              ) : null}
              {form.outcome !== 'approve' ? (
                <Field label="理由" name="reason" error={error} required>
                  {(p) => <textarea {...p} rows={3} value={form.reason} onChange={(e) => update({ reason: e.target.value })} />}
                </Field>
              ) : null}
              <button type="submit" className="primary">
                提交审查结论
              </button>
            </form>
          ) : null}
          {openReviewYear(d) !== null && session.unitId === d.unitId && isUnitStaff(session) ? (
            <YearlyReviewForm document={d} year={openReviewYear(d) as number} onDone={settle} />
          ) : null}
        </>
      ) : null}
    </>
  );
}

/** The yearly review (年度评估) of a document not proactively disclosed: keep it (with the ground) or release it. */
function YearlyReviewForm({
  document,
  year,
  onDone,
}: {
  document: DocumentStaffView;
  year: number;
  onDone: (result?: unknown) => unknown;
}) {
  const decide = useForm(
    `yearly.${document.documentId}.${year}`,
    {
      decision: 'keep',
      legalBasis: document.legalBasis ?? '',
      reason: '',
    },
    { onDone: onDone, revision: document.revision, conflict: RECORD_CONFLICT },
  );
  const { values: form, update, clear } = decide;
  return (
    <ActionForm
      className="form card"
      action={decide}
      failure="评估结论未保存，您填写的内容已保留"
      submitLabel="提交评估结论"
      onSubmit={() => {
        const body = {
          decision: form.decision,
          legalBasis: form.decision === 'keep' ? form.legalBasis || null : null,
          reason: form.reason,
        };
        void decide.run(
          `/api/document-attributes/documents/${encodeURIComponent(document.documentId)}/yearly-reviews/${year}/decision`,
          'POST',
          body,
          form.decision === 'keep' ? '已决定继续维持原公开属性。' : '已决定转为主动公开，须在20个工作日内公开。',
          clear,
        );
      }}
    >
      <h2>{year} 年度评估</h2>
      <p className="muted">当前属性：{document.attribute}。经评估可以公开的，应转为主动公开。</p>
      <fieldset>
        <legend>评估结论</legend>
        <RadioOptions
          name="decision"
          options={[
            ['keep', `继续${document.attribute}`],
            ['release', '转为主动公开'],
          ]}
          value={form.decision}
          onChange={(decision) => update({ decision })}
        />
      </fieldset>
      {form.decision === 'keep' ? (
        <SelectField
          label="依据（条例第十四至十六条）"
          name="legalBasis"
          error={decide.error}
          required
          placeholder="请选择"
          options={GROUNDS}
          value={form.legalBasis}
          onChange={(legalBasis) => update({ legalBasis })}
        />
      ) : null}
      <Field label="理由" name="reason" error={decide.error} required>
        {(p) => <textarea {...p} rows={3} value={form.reason} onChange={(e) => update({ reason: e.target.value })} />}
      </Field>
    </ActionForm>
  );
}
