import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { RequestReceiptView, UnitListView } from '@gongkai/contracts/vocabulary';
import { api } from '../../api';
import {
  APPLICANT_TYPES,
  DELIVERY_METHODS,
  ErrorNotice,
  Field,
  ID_DOCUMENT_KINDS,
  Notice,
  PageTitle,
  PREFERRED_FORMS,
  PROVISIONAL_DUE_NOTE,
  useApi,
  useForm,
} from '../../ui';

interface RequestForm {
  unitId: string;
  type: string;
  name: string;
  contactPerson: string;
  idKind: string;
  idNumber: string;
  phone: string;
  email: string;
  address: string;
  description: string;
  purpose: string;
  preferredForm: string;
  delivery: string;
}

const EMPTY_REQUEST: RequestForm = {
  unitId: '',
  type: '自然人',
  name: '',
  contactPerson: '',
  idKind: '居民身份证',
  idNumber: '',
  phone: '',
  email: '',
  address: '',
  description: '',
  purpose: '',
  preferredForm: '电子',
  delivery: '网上获取',
};

export function ApplyPage() {
  const [params] = useSearchParams();
  const units = useApi<UnitListView[]>('/api/catalogue/units');
  const request = useForm<RequestForm>('request', { ...EMPTY_REQUEST, unitId: params.get('unit') ?? '' });
  const { values: form, update, clear, error, submitting: busy } = request;
  const [receipt, setReceipt] = useState<RequestReceiptView | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const opt = (v: string) => (v.trim() ? v.trim() : undefined);
    const done = await request.submit(async () => {
      const result = await api<RequestReceiptView>('/api/requests/public', {
        method: 'POST',
        token: null,
        body: {
          unitId: form.unitId,
          applicant: {
            type: form.type,
            name: form.name,
            contactPerson: opt(form.contactPerson),
            idDocument: form.idNumber.trim() ? { kind: form.idKind, number: form.idNumber.trim() } : undefined,
            phone: opt(form.phone),
            email: opt(form.email),
            address: opt(form.address),
          },
          description: form.description,
          purpose: opt(form.purpose),
          preferredForm: form.preferredForm,
          delivery: form.delivery,
        },
      });
      setReceipt(result);
      clear();
      return true;
    });
    // Refused: move the focus to the first field in error (or the notice), the typing kept.
    if (!done) requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"], .notice-error')?.focus());
  };
  if (receipt) {
    return (
      <>
        <PageTitle>申请已提交</PageTitle>
        <Notice kind="success">
          <p>{receipt.notice}</p>
          <p className="code-line">
            查询码：<strong data-testid="tracking-code">{receipt.trackingCode}</strong>
          </p>
          <p>
            答复期限：{receipt.dueOn}（收到申请之日起20个工作日内，收到当日不计算在内）
            {receipt.dueOnProvisional ? PROVISIONAL_DUE_NOTE : null}
          </p>
        </Notice>
        <p>
          <Link to={`/track?code=${encodeURIComponent(receipt.trackingCode)}`}>查询办理进度</Link>
        </p>
      </>
    );
  }
  const text = (key: keyof RequestForm) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => update({ [key]: e.target.value } as Partial<RequestForm>),
  });
  return (
    <>
      <PageTitle lead="依据《中华人民共和国政府信息公开条例》，网上提交的申请以系统确认之日为收到日期，行政机关在20个工作日内答复。">
        申请政府信息公开
      </PageTitle>
      <ErrorNotice error={error} title="提交未成功，您填写的内容已保留" />
      <form onSubmit={submit} noValidate className="form">
        <fieldset>
          <legend>受理机关</legend>
          <Field label="向哪个机关申请" name="unitId" error={error} required>
            {(p) => (
              <select {...p} {...text('unitId')}>
                <option value="">请选择</option>
                {(units.data ?? []).map((u) => (
                  <option key={u.unitId} value={u.unitId}>
                    {u.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {form.unitId ? (
            <p className="hint">
              申请前请阅读该机关的<Link to={`/units/${encodeURIComponent(form.unitId)}#guide`}>政府信息公开指南</Link>，也可以
              <a href={`/api/catalogue/portal/units/${encodeURIComponent(form.unitId)}/application-form`} download>
                下载申请表
              </a>
              填写后当面提交或邮寄。
            </p>
          ) : null}
        </fieldset>
        <fieldset>
          <legend>申请人信息</legend>
          <Field label="申请人类型" name="applicant.type" error={error} required>
            {(p) => (
              <select {...p} {...text('type')}>
                {APPLICANT_TYPES.map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
            )}
          </Field>
          <Field label={form.type === '自然人' ? '姓名' : '名称'} name="applicant.name" error={error} required>
            {(p) => <input {...p} {...text('name')} autoComplete="name" />}
          </Field>
          {form.type !== '自然人' ? (
            <Field label="联系人" name="applicant.contactPerson" error={error}>
              {(p) => <input {...p} {...text('contactPerson')} />}
            </Field>
          ) : null}
          <div className="row">
            <Field label="证件类型" name="applicant.idDocument.kind" error={error}>
              {(p) => (
                <select {...p} {...text('idKind')}>
                  {ID_DOCUMENT_KINDS.map((t) => (
                    <option key={t}>{t}</option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="证件号码" name="applicant.idDocument.number" error={error} hint="选填；仅用于核对身份，公开时隐去">
              {(p) => <input {...p} {...text('idNumber')} autoComplete="off" />}
            </Field>
          </div>
          <p className="hint" id="contact-hint">
            联系电话、电子邮箱、通信地址至少填写一项。
          </p>
          <Field label="联系电话" name="applicant.phone" apiField={['applicant.phone', 'applicant']} error={error}>
            {(p) => <input {...p} {...text('phone')} type="tel" autoComplete="tel" inputMode="tel" />}
          </Field>
          <Field label="电子邮箱" name="applicant.email" error={error}>
            {(p) => <input {...p} {...text('email')} type="email" autoComplete="email" />}
          </Field>
          <Field label="通信地址" name="applicant.address" error={error}>
            {(p) => <input {...p} {...text('address')} autoComplete="street-address" />}
          </Field>
        </fieldset>
        <fieldset>
          <legend>所需信息</legend>
          <Field label="所需政府信息的名称、文号或便于查询的其他特征性描述" name="description" error={error} required hint="5 至 2000 字">
            {(p) => <textarea {...p} {...text('description')} rows={5} />}
          </Field>
          <Field label="用途（选填）" name="purpose" error={error}>
            {(p) => <input {...p} {...text('purpose')} />}
          </Field>
          <div className="row">
            <Field label="信息的提供形式" name="preferredForm" error={error} required>
              {(p) => (
                <select {...p} {...text('preferredForm')}>
                  {PREFERRED_FORMS.map((t) => (
                    <option key={t}>{t}</option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="获取信息的方式" name="delivery" error={error} required>
              {(p) => (
                <select {...p} {...text('delivery')}>
                  {DELIVERY_METHODS.map((t) => (
                    <option key={t}>{t}</option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        </fieldset>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? '正在提交……' : '提交申请'}
        </button>
      </form>
    </>
  );
}
