import { type FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import * as vocabulary from '@gongkai/contracts/vocabulary';
import type { RequestReceiptView, UnitListView } from '@gongkai/contracts/vocabulary';
import { api, ApiError, download, upload, type Session } from '../../api';
import {
  actsDistrictWide,
  ApplicantFieldset,
  applicationBody,
  type ApplicationValues,
  EMPTY_APPLICATION,
  ErrorNotice,
  Field,
  hasAnyRole,
  Notice,
  PageTitle,
  PROVISIONAL_DUE_NOTE,
  REPORT_FINALISER_ROLES,
  RequestedInformationFieldset,
  SelectField,
  useApi,
  useForm,
} from '../../ui';

/** The channels staff register (online requests come through the portal). */
const COUNTER_CHANNELS: [string, string][] = (['in_person', 'registered_post', 'ordinary_letter', 'fax'] as const).map((c) => [
  c,
  vocabulary.REQUEST_CHANNEL_LABELS[c],
]);
const SCAN_TYPES = 'application/pdf,image/jpeg,image/png';
const beijingToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

interface CounterForm extends ApplicationValues {
  unitId: string;
  channel: string;
  receivedOn: string;
  backEntry: boolean;
  backEntryReason: string;
}

/**
 * Registers a request that came on paper, by post, by fax or in person (条例第二十九至三十一条): the
 * receipt date on its Art. 31 basis, the scanned application, and the receipt (回执) to print.
 */
export function CounterRegistration({ session }: { session: Session }) {
  const units = useApi<UnitListView[]>('/api/catalogue/units');
  const initial: CounterForm = {
    unitId: session.unitId ?? '',
    channel: 'in_person',
    receivedOn: beijingToday(),
    backEntry: false,
    backEntryReason: '',
    ...EMPTY_APPLICATION,
    preferredForm: '纸质',
    delivery: '邮寄',
  };
  const form = useForm<CounterForm>('counter-request', initial);
  const { values: v, update, error } = form;
  const [scan, setScan] = useState<File | null>(null);
  const [receipt, setReceipt] = useState<RequestReceiptView | null>(null);
  const [printed, setPrinted] = useState<string | null>(null);
  const [printError, setPrintError] = useState<ApiError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await form.submit(async () => {
      const scanRef = scan
        ? await upload<unknown>('/api/requests/scans', scan, scan.type, { headers: { 'x-file-name': encodeURIComponent(scan.name) } })
        : undefined;
      const result = await api<RequestReceiptView>('/api/requests', {
        method: 'POST',
        body: {
          unitId: v.unitId,
          channel: v.channel,
          receivedOn: v.receivedOn,
          ...(v.backEntry ? { backEntryReason: v.backEntryReason } : {}),
          ...applicationBody(v),
          ...(scanRef ? { scan: scanRef } : {}),
        },
      });
      setReceipt(result);
      form.clear();
      setScan(null);
      return true;
    });
    if (!done) requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"], .notice-error')?.focus());
  };

  const print = async () => {
    if (!receipt) return;
    setPrintError(null);
    try {
      setPrinted(await download(`/api/requests/${encodeURIComponent(receipt.requestId)}/receipt`, { trackingCode: receipt.trackingCode }));
    } catch (e) {
      setPrintError(e instanceof ApiError ? e : new ApiError(0, 'ERROR', String(e)));
    }
  };

  if (receipt) {
    return (
      <>
        <PageTitle>申请已登记</PageTitle>
        <Notice kind="success">
          <p>{receipt.notice}</p>
          <p className="code-line">
            查询码：<strong data-testid="tracking-code">{receipt.trackingCode}</strong>（仅显示这一次，请打印回执交给申请人）
          </p>
          <p>
            答复期限：<span data-testid="due-on">{receipt.dueOn}</span>
            {receipt.dueOnProvisional ? PROVISIONAL_DUE_NOTE : null}
          </p>
        </Notice>
        <ErrorNotice error={printError} title="回执未能生成" />
        <p className="actions">
          <button type="button" className="primary" onClick={() => void print()}>
            打印回执（Word）
          </button>{' '}
          <Link to={`/console/requests/${receipt.requestId}`}>查看案件</Link>{' '}
          <button type="button" onClick={() => (setReceipt(null), setPrinted(null))}>
            继续登记
          </button>
        </p>
        {printed ? (
          <p role="status" className="muted">
            已下载：{printed}
          </p>
        ) : null}
      </>
    );
  }

  const text = (key: keyof CounterForm) => ({
    value: v[key] as string,
    onChange: (e: { target: { value: string } }) => update({ [key]: e.target.value } as Partial<CounterForm>),
  });
  const basis = vocabulary.RECEIPT_BASIS[v.channel as keyof typeof vocabulary.RECEIPT_BASIS];
  return (
    <>
      <PageTitle lead="收到日期按条例第三十一条认定：当面提交的为提交之日；挂号信、快递为签收之日；平信为与申请人确认之日；传真为双方确认之日。">
        登记纸质、信函、传真、当面申请
      </PageTitle>
      <p>
        <Link to="/console/requests">返回登记台账</Link>
      </p>
      {form.feedback('登记未成功，您填写的内容已保留')}
      <form onSubmit={submit} noValidate className="form">
        <fieldset>
          <legend>收件</legend>
          {actsDistrictWide(session) ? (
            <SelectField
              label="受理单位"
              name="unitId"
              error={error}
              required
              value={v.unitId}
              onChange={(unitId) => update({ unitId })}
              placeholder="请选择"
              options={(units.data ?? []).map((u) => [u.unitId, u.name] as const)}
            />
          ) : null}
          <SelectField
            label="申请方式"
            name="channel"
            error={error}
            required
            value={v.channel}
            onChange={(channel) => update({ channel })}
            options={COUNTER_CHANNELS}
          />
          <Field label="收到申请日期" name="receivedOn" error={error} required hint={`按条例第三十一条，本方式以“${basis}”为收到日期。`}>
            {(p) => <input {...p} type="date" {...text('receivedOn')} />}
          </Field>
          <label className="choice">
            <input type="checkbox" checked={v.backEntry} onChange={(e) => update({ backEntry: e.target.checked })} />{' '}
            补录（以前收到而未登记的申请，收到日期可早于 60 天，最早为上一年度 1 月 1 日）
          </label>
          {v.backEntry ? (
            <Field label="补录原因" name="backEntryReason" error={error} required>
              {(p) => <input {...p} {...text('backEntryReason')} />}
            </Field>
          ) : null}
          <Field label="申请书扫描件（PDF、JPEG 或 PNG）" name="scan" error={error}>
            {(p) => <input {...p} type="file" accept={SCAN_TYPES} onChange={(e) => setScan(e.target.files?.[0] ?? null)} />}
          </Field>
        </fieldset>
        <ApplicantFieldset legend="申请人" values={v} update={update} error={error} autoFill={false} />
        <RequestedInformationFieldset
          legend="申请内容"
          descriptionHint="照申请书填写，5 至 2000 字"
          values={v}
          update={update}
          error={error}
          autoFill={false}
        />
        <button type="submit" className="primary" disabled={form.submitting}>
          {form.submitting ? '正在登记……' : '登记并生成回执'}
        </button>
      </form>
      {hasAnyRole(session, REPORT_FINALISER_ROLES) ? <BackEntryImport session={session} units={units.data} /> : null}
    </>
  );
}

/** 补录导入: this and last year's open and closed requests from a spreadsheet, all or nothing. */
function BackEntryImport({ session, units }: { session: Session; units: UnitListView[] | null }) {
  const [file, setFile] = useState<File | null>(null);
  const [unitId, setUnitId] = useState(session.unitId ?? '');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<{ rows: number; registered: number; outcomesRecorded: number; open: number } | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(
        await upload(
          `/api/requests/import?unitId=${encodeURIComponent(unitId)}&reason=${encodeURIComponent(reason)}`,
          file,
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        ),
      );
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'ERROR', String(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">批量补录（Excel 导入）</h2>
      <p className="hint">
        可导入本年度和上一年度已办结、未办结的申请。第一行为列名：收到申请日期、申请方式、申请人类型、申请人、申请内容（必填），联系电话、通信地址、电子邮箱、获取形式、获取方式、办理结果、办结日期、补录原因（选填）。任一行有误则全部不导入，并逐行列明错误。
      </p>
      <form onSubmit={submit} className="form">
        {actsDistrictWide(session) ? (
          <SelectField
            label="单位"
            name="importUnit"
            value={unitId}
            onChange={setUnitId}
            placeholder="请选择"
            options={(units ?? []).map((u) => [u.unitId, u.name] as const)}
          />
        ) : null}
        <div className="field">
          <label htmlFor="import-reason">补录原因（各行未填写时使用）</label>
          <input id="import-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="import-file">Excel 文件（.xlsx）</label>
          <input id="import-file" type="file" accept=".xlsx" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <button type="submit" disabled={!file || busy}>
          {busy ? '正在导入……' : '导入'}
        </button>
      </form>
      <ErrorNotice error={error} title="未导入" />
      {error?.errors.length ? (
        <ul className="field-errors" data-testid="import-errors">
          {error.errors.map((e) => (
            <li key={`${e.field}-${e.message}`}>{e.message}</li>
          ))}
        </ul>
      ) : null}
      {done ? (
        <Notice kind="success">
          已导入 {done.rows} 件：新登记 {done.registered} 件，其中已办结 {done.outcomesRecorded} 件，未办结 {done.open} 件。
        </Notice>
      ) : null}
    </section>
  );
}
