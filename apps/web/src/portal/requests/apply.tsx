import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { RequestReceiptView, UnitListView } from '@gongkai/contracts/vocabulary';
import { api } from '../../api';
import {
  ApplicantFieldset,
  applicationBody,
  type ApplicationValues,
  EMPTY_APPLICATION,
  ErrorNotice,
  Field,
  Notice,
  PageTitle,
  PROVISIONAL_DUE_NOTE,
  RequestedInformationFieldset,
  useApi,
  useForm,
} from '../../ui';

interface RequestForm extends ApplicationValues {
  unitId: string;
}

const EMPTY_REQUEST: RequestForm = { ...EMPTY_APPLICATION, unitId: '', preferredForm: '电子', delivery: '网上获取' };

export function ApplyPage() {
  const [params] = useSearchParams();
  const units = useApi<UnitListView[]>('/api/catalogue/units');
  const request = useForm<RequestForm>('request', { ...EMPTY_REQUEST, unitId: params.get('unit') ?? '' });
  const { values: form, update, clear, error, submitting: busy } = request;
  const [receipt, setReceipt] = useState<RequestReceiptView | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await request.submit(async () => {
      const result = await api<RequestReceiptView>('/api/requests/public', {
        method: 'POST',
        token: null,
        body: { unitId: form.unitId, ...applicationBody(form) },
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
        <ApplicantFieldset legend="申请人信息" values={form} update={update} error={error} autoFill />
        <RequestedInformationFieldset
          legend="所需信息"
          descriptionHint="5 至 2000 字"
          values={form}
          update={update}
          error={error}
          autoFill
        />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? '正在提交……' : '提交申请'}
        </button>
      </form>
    </>
  );
}
