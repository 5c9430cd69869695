import { useNavigate } from 'react-router-dom';
import { DOCUMENT_TYPES, TOPIC_CATEGORIES, type DocumentStaffView } from '@gongkai/contracts/vocabulary';
import { api, type Session } from '../../api';
import { ActionForm, Field, GROUNDS, onField, RECORD_CONFLICT, SelectField, shanghaiToday, useForm } from '../../ui';

const base = (documentId: string) => `/api/document-attributes/documents/${encodeURIComponent(documentId)}`;

/** Waits (bounded) until the staff view shows the registration, so that the document's page opens on it. */
async function registered({ documentId, revision }: { documentId: string; revision: number }): Promise<string> {
  for (let attempt = 0; attempt < 40; attempt += 1) {
    const view = await api<DocumentStaffView>(base(documentId)).catch(() => null);
    if (view && (view.revision ?? -1) >= revision) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return documentId;
}

/** 拟文登记: title, 文号, type, 成文日期, 主题分类; then the document's page for its files and attribute. */
export function RegisterDocumentForm() {
  const navigate = useNavigate();
  const form = useForm(
    'document.register',
    { title: '', documentNumber: '', documentType: '行政规范性文件', writtenOn: shanghaiToday(), topic: '', needsInterpretation: false },
    { onDone: async (result) => navigate(`/console/documents/${await registered(result as { documentId: string; revision: number })}`) },
  );
  const { values: v, update } = form;
  return (
    <ActionForm
      className="form card"
      action={form}
      failure="未登记，您填写的内容已保留"
      submitLabel="登记"
      onSubmit={() =>
        void form.run(
          '/api/document-attributes/documents',
          'POST',
          { ...v, topic: v.topic || undefined, writtenOn: v.writtenOn || undefined },
          '已登记公文，请上传正文和附件。',
          form.clear,
        )
      }
    >
      <h2>拟文登记</h2>
      <Field label="标题" name="title" error={form.error} required>
        {(p) => <input {...p} value={v.title} onChange={(e) => update({ title: e.target.value })} />}
      </Field>
      <Field label="文号" name="documentNumber" error={form.error} hint="如：台民发〔2026〕5号" required>
        {(p) => <input {...p} value={v.documentNumber} onChange={(e) => update({ documentNumber: e.target.value })} />}
      </Field>
      <SelectField
        label="文件类型"
        name="documentType"
        error={form.error}
        required
        options={DOCUMENT_TYPES}
        value={v.documentType}
        onChange={(documentType) => update({ documentType })}
      />
      <Field label="成文日期" name="writtenOn" error={form.error}>
        {(p) => <input {...p} type="date" value={v.writtenOn} onChange={(e) => update({ writtenOn: e.target.value })} />}
      </Field>
      <SelectField
        label="主题分类"
        name="topic"
        error={form.error}
        placeholder="请选择"
        options={TOPIC_CATEGORIES}
        value={v.topic}
        onChange={(topic) => update({ topic })}
      />
      <label className="checkbox">
        <input type="checkbox" checked={v.needsInterpretation} onChange={(e) => update({ needsInterpretation: e.target.checked })} />{' '}
        需要政策解读
      </label>
    </ActionForm>
  );
}

/** 源头认定: the drafter proposes the attribute (with the ground and reason unless 主动公开). */
export function ProposeAttributeForm({ document, onDone }: { document: DocumentStaffView; onDone: (result?: unknown) => unknown }) {
  const form = useForm(
    `propose.${document.documentId}`,
    { attribute: '主动公开', legalBasis: '', reason: '' },
    { onDone, revision: document.revision, conflict: RECORD_CONFLICT },
  );
  const { values: v, update } = form;
  return (
    <ActionForm
      className="form card"
      action={form}
      failure="未提交，您填写的内容已保留"
      submitLabel="提交保密审查"
      onSubmit={() =>
        void form.run(
          `${base(document.documentId)}/attribute-proposal`,
          'POST',
          v.attribute === '主动公开'
            ? { attribute: v.attribute }
            : { attribute: v.attribute, legalBasis: v.legalBasis || null, reason: v.reason || null },
          '已提出公开属性建议，等待保密审查。',
          form.clear,
        )
      }
    >
      <h2>公开属性（源头认定）</h2>
      <SelectField
        label="公开属性"
        name="attribute"
        error={form.error}
        required
        options={['主动公开', '依申请公开', '不予公开']}
        value={v.attribute}
        onChange={(attribute) => update({ attribute })}
      />
      {v.attribute !== '主动公开' ? (
        <>
          <SelectField
            label="依据（条例第十四至十六条）"
            name="legalBasis"
            error={form.error}
            required
            placeholder="请选择"
            options={GROUNDS}
            value={v.legalBasis}
            onChange={(legalBasis) => update({ legalBasis })}
          />
          <Field label="理由" name="reason" error={form.error} required>
            {(p) => <textarea {...p} rows={3} value={v.reason} onChange={(e) => update({ reason: e.target.value })} />}
          </Field>
        </>
      ) : null}
    </ActionForm>
  );
}

/** 印发: after the review; a 主动公开 document's published version is fixed here and its 索引号 assigned. */
export function IssueForm({ document, onDone }: { document: DocumentStaffView; onDone: (result?: unknown) => unknown }) {
  const form = useForm(
    `issue.${document.documentId}`,
    { issuedOn: shanghaiToday(), formedOn: document.writtenOn ?? '' },
    { onDone, revision: document.revision, conflict: RECORD_CONFLICT, toForm: onField({ FORMED_AFTER_ISSUE: 'formedOn' }) },
  );
  return (
    <ActionForm
      className="form card"
      action={form}
      failure="未印发"
      submitLabel="印发"
      onSubmit={() =>
        void form.run(
          `${base(document.documentId)}/issue`,
          'POST',
          { issuedOn: form.values.issuedOn, formedOn: form.values.formedOn || undefined },
          '已印发；主动公开的公文发布版本已固定。',
          form.clear,
        )
      }
    >
      <h2>印发</h2>
      <Field label="印发日期" name="issuedOn" error={form.error} required>
        {(p) => <input {...p} type="date" value={form.values.issuedOn} onChange={(e) => form.update({ issuedOn: e.target.value })} />}
      </Field>
      <Field
        label="成文日期"
        name="formedOn"
        error={form.error}
        hint="一般为签发日期，不得晚于印发日期；主动公开的公文自成文日期起 20 个工作日内公开（条例第二十六条）。不填则按登记的成文日期，未登记的按印发日期。"
      >
        {(p) => <input {...p} type="date" value={form.values.formedOn} onChange={(e) => form.update({ formedOn: e.target.value })} />}
      </Field>
    </ActionForm>
  );
}

/** Who drafts and issues: the unit's clerks and office heads. */
export const draftsFor = (session: Session, document: DocumentStaffView) =>
  (session.role === 'clerk' || session.role === 'office_head') && session.unitId === document.unitId;
