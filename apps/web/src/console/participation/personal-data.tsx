import { useState } from 'react';
import { api, ApiError } from '../../api';
import { asError, ErrorNotice, Field, useForm } from '../../ui';

export interface PersonalDataRecord {
  refId: string;
  kind: string;
  name: string | null;
  contact: string | null;
  originalContent?: string;
  createdAt: string;
}

/** Erases one citizen's personal data, with the reason the audit trail records. */
export function ErasePersonalData({ refId, onErased }: { refId: string; onErased: (result?: unknown) => unknown }) {
  const [reason, setReason] = useState('');
  const [asking, setAsking] = useState(false);
  const erase = useForm(null, {}, { onDone: onErased });
  if (!asking) {
    return (
      <>
        {erase.feedback('未删除')}
        <button type="button" onClick={() => setAsking(true)}>
          删除个人信息
        </button>
      </>
    );
  }
  return (
    <form
      className="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void erase.run(`/api/interpretation/personal-data/${encodeURIComponent(refId)}`, 'DELETE', { reason }, '个人信息已删除。', () =>
          setAsking(false),
        );
      }}
    >
      <Field label="删除理由" name="reason" error={erase.error} required hint="例如：本人申请删除；活动已结束，不再需要联系">
        {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      {erase.feedback('未删除')}
      <div className="actions">
        <button type="submit" className="danger">
          确认删除
        </button>
        <button type="button" onClick={() => setAsking(false)}>
          取消
        </button>
      </div>
    </form>
  );
}

/** A commenter's name and contact, fetched only when asked for (each reading is logged), and erasable. */
export function CommenterData({ refId, onErased }: { refId: string; onErased: (result?: unknown) => unknown }) {
  const [record, setRecord] = useState<PersonalDataRecord | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const show = async () => {
    setError(null);
    try {
      setRecord(await api<PersonalDataRecord>(`/api/interpretation/personal-data/${encodeURIComponent(refId)}`));
    } catch (e) {
      setError(asError(e));
    }
  };
  return (
    <div className="actions">
      {record ? (
        <p data-testid="personal-data">
          姓名：{record.name ?? '未填写'} · 联系方式：{record.contact ?? '未填写'}
        </p>
      ) : (
        <button type="button" onClick={() => void show()}>
          查看提出人信息
        </button>
      )}
      <ErrorNotice error={error} title="无法查看" />
      <ErasePersonalData
        refId={refId}
        onErased={(result) => {
          setRecord(null);
          return onErased(result);
        }}
      />
    </div>
  );
}
