import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { DISCLOSURE_CHANNELS, ITEM_STAGES, UNIT_LEVELS } from './labels';
import { ApiError, api, download, upload, type FieldError, type Session } from './api';
import { Breadcrumb } from './portal';
import type { Domain, ItemContent, Unit } from './types';
import { ErrorNotice, Field, Loading, Notice, PageTitle, RadioOptions, formatDate, formatDateTime, useApi, useDraft, asError } from './ui';

/** Staff side of a unit's standard catalogue (政务公开事项标准目录): the list, the item editor, spreadsheet import and export. */

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CHANNELS = DISCLOSURE_CHANNELS;
const STAGES = ITEM_STAGES;
const LEVELS = UNIT_LEVELS;

interface StaffItem {
  itemId: string;
  unitId: string;
  status: 'draft' | 'published' | 'withdrawn';
  content: ItemContent;
  domainCode: string;
  version: number;
  correction: { note: string; at: string; by: string } | null;
  versions: { version: number; publishedAt: string; reason: string | null }[];
  withdrawal: { at: string; reason: string } | null;
  updatedAt: string;
}
interface Coverage {
  overall: { expected: number; covered: number; missing: number; extra: number; percent: number | null };
}
interface Milestone {
  key: string;
  label: string;
  deadline: string;
  achievedOn: string | null;
  status: 'on_time' | 'late' | 'open';
}
interface CommandResult {
  itemId: string;
  revision: number;
  status: StaffItem['status'];
  version: number;
}
interface ImportReport {
  rows: number;
  created: number;
  updated: number;
  revised: number;
  unchanged: number;
}

const itemName = (c: ItemContent | undefined) => c?.secondLevel || c?.firstLevel || '（未命名事项）';

function StatusBadge({ item }: { item: Pick<StaffItem, 'status' | 'correction'> }) {
  if (item.status === 'withdrawn') return <span className="badge">已撤回</span>;
  if (item.correction) return <span className="badge badge-danger">退回修改</span>;
  if (item.status === 'published') return <span className="badge badge-ok">已发布</span>;
  return <span className="badge badge-warn">草稿</span>;
}

function MilestoneBadge({ m }: { m: Milestone }) {
  const [kind, text] =
    m.status === 'on_time'
      ? ['badge-ok', `按时完成（${m.achievedOn ?? ''}）`]
      : m.status === 'late'
        ? ['badge-danger', m.achievedOn ? `逾期完成（${m.achievedOn}）` : '已逾期未完成']
        : ['badge-warn', '尚未完成'];
  return <span className={`badge ${kind}`}>{text}</span>;
}

function NeedsUnit({ session }: { session: Session }) {
  return session.unitId ? null : <Notice kind="warn">公开事项目录由各单位编制和维护，请以单位身份登录后使用。</Notice>;
}

export function CatalogueConsole({ session }: { session: Session }) {
  const unitId = session.unitId;
  const base = unitId ? `/api/catalogue/units/${encodeURIComponent(unitId)}` : null;
  const unit = useApi<Unit>(base);
  const items = useApi<StaffItem[]>(base && `${base}/items`);
  const todo = useApi<{ returned: StaffItem[]; drafts: StaffItem[] }>(base && `${base}/items/todo`);
  const coverage = useApi<Coverage>(base && `${base}/coverage`);
  const milestones = useApi<{ milestones: Milestone[] }>(base && `${base}/milestones`);
  const domains = useApi<Domain[]>('/api/catalogue/portal/domains');
  const domainName = (code: string) => domains.data?.find((d) => d.code === code)?.name ?? code;
  const rows = [...(items.data ?? [])].sort(
    (a, b) => (a.status === 'withdrawn' ? 1 : 0) - (b.status === 'withdrawn' ? 1 : 0) || b.updatedAt.localeCompare(a.updatedAt),
  );
  const pct = coverage.data?.overall.percent;
  return (
    <>
      <Breadcrumb
        trail={[
          ['工作台', '/console'],
          ['公开事项目录', null],
        ]}
      />
      <PageTitle lead={`${unit.data?.name ?? unitId ?? ''}政务公开事项标准目录：起草、发布、修订、撤回，电子表格导入导出`}>
        公开事项目录
      </PageTitle>
      <NeedsUnit session={session} />
      {unitId ? (
        <>
          <section className="card" aria-labelledby="progress-heading">
            <h2 id="progress-heading">编制进度</h2>
            <ErrorNotice error={coverage.error ?? milestones.error} />
            <dl className="kv-list" data-testid="catalogue-progress">
              <dt>标准指引覆盖</dt>
              <dd>
                {coverage.data ? (
                  <span className={`badge ${pct === null || pct === undefined ? '' : pct >= 100 ? 'badge-ok' : 'badge-warn'}`}>
                    {pct === null || pct === undefined
                      ? '无应覆盖的指引事项'
                      : `${pct}%（已覆盖 ${coverage.data.overall.covered} / 应覆盖 ${coverage.data.overall.expected}）`}
                  </span>
                ) : (
                  '—'
                )}
              </dd>
            </dl>
            <h3 className="milestones-heading">编制里程碑</h3>
            <ul className="milestones" data-testid="catalogue-milestones">
              {(milestones.data?.milestones ?? []).map((m) => (
                <li key={m.key}>
                  <MilestoneBadge m={m} />
                  <span>
                    {m.label}
                    <span className="muted">（期限 {m.deadline}）</span>
                  </span>
                </li>
              ))}
            </ul>
          </section>

          <section aria-labelledby="todo-heading">
            <h2 id="todo-heading">待办：退回修改的事项（{todo.data?.returned.length ?? 0}）</h2>
            <ErrorNotice error={todo.error} />
            {todo.data && todo.data.returned.length === 0 ? <p className="muted">没有被区政府办公室退回的事项。</p> : null}
            <ul className="cards" data-testid="catalogue-todo">
              {(todo.data?.returned ?? []).map((i) => (
                <li key={i.itemId} className="card card-warn">
                  <h3>
                    <Link to={`/console/catalogue/items/${i.itemId}`}>{itemName(i.content)}</Link>
                  </h3>
                  <p className="meta">
                    退回意见（{formatDate(i.correction?.at)}）：<strong>{i.correction?.note}</strong>
                  </p>
                </li>
              ))}
            </ul>
            {todo.data && todo.data.drafts.length > 0 ? (
              <p className="muted">另有 {todo.data.drafts.length} 条草稿尚未发布（见下方列表）。</p>
            ) : null}
          </section>

          <section aria-labelledby="items-heading">
            <div className="section-head">
              <h2 id="items-heading">本单位事项（{items.data?.length ?? 0}）</h2>
              <Link className="button-link primary" to="/console/catalogue/items/new">
                新增公开事项
              </Link>
            </div>
            {items.loading && !items.data ? <Loading what="事项" /> : null}
            <ErrorNotice error={items.error} />
            {items.data && rows.length === 0 ? <p className="muted">尚无事项：可以新增，或通过电子表格导入。</p> : null}
            <ul className="cards" data-testid="catalogue-items">
              {rows.map((i) => (
                <li key={i.itemId} className="card">
                  <h3>
                    <Link to={`/console/catalogue/items/${i.itemId}`}>{itemName(i.content)}</Link>
                  </h3>
                  <p className="meta">
                    {domainName(i.content.domainCode)} · {i.content.firstLevel} · {i.content.level}
                    {i.version > 0 ? ` · 第 ${i.version} 版` : ' · 未发布'} · 更新于 {formatDateTime(i.updatedAt)}
                  </p>
                  <StatusBadge item={i} />
                  {i.correction ? <p className="meta">退回意见：{i.correction.note}</p> : null}
                </li>
              ))}
            </ul>
          </section>

          <SpreadsheetPanel unitId={unitId} onImported={() => (items.reload(), todo.reload(), coverage.reload(), milestones.reload())} />
        </>
      ) : null}
    </>
  );
}

/** Maps one import problem message to the spreadsheet column it is about (the messages name their column). */
const COLUMN_HINTS: [string, string][] = [
  ['公开内容（要素）', '公开内容（要素）'],
  ['公开渠道', '公开渠道和载体'],
  ['标准指引事项编码', '标准指引事项编码'],
  ...[
    '一级事项',
    '二级事项',
    '公开依据',
    '公开时限',
    '公开主体',
    '公开对象',
    '公开方式',
    '公开层级',
    '所属领域',
    '公开环节',
    '事项编号',
  ].map((c): [string, string] => [c, c]),
];
const columnOf = (message: string) => {
  const hits = COLUMN_HINTS.map(([hint, column]) => ({ at: message.indexOf(hint), column })).filter((h) => h.at >= 0);
  hits.sort((a, b) => a.at - b.at);
  return hits[0]?.column ?? '—';
};

interface RowProblem {
  row: number;
  column: string;
  message: string;
}
function importProblems(error: ApiError): RowProblem[] {
  const rows = Array.isArray(error.extensions.rows) ? (error.extensions.rows as { row: number; messages: string[] }[]) : null;
  const list =
    rows ??
    error.errors.filter((e) => e.field.startsWith('row.')).map((e) => ({ row: Number(e.field.slice(4)), messages: e.message.split('；') }));
  return list.flatMap((r) => r.messages.map((message) => ({ row: r.row, column: columnOf(message), message })));
}

function SpreadsheetPanel({ unitId, onImported }: { unitId: string; onImported: () => void }) {
  const base = `/api/catalogue/units/${encodeURIComponent(unitId)}/items`;
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const problems = error ? importProblems(error) : [];
  const exportFile = async () => {
    setMessage(null);
    setError(null);
    try {
      setMessage(`已下载：${await download(`${base}/export`)}`);
    } catch (e) {
      setError(asError(e));
    }
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setReport(null);
    setMessage(null);
    if (!file) {
      setError(
        new ApiError(400, 'NO_FILE', '请先选择要导入的 .xlsx 文件。', [{ field: 'file', code: 'required', message: '请选择 .xlsx 文件' }]),
      );
      return;
    }
    setBusy(true);
    try {
      setReport(await upload<ImportReport>(`${base}/import`, file, XLSX_MIME));
      onImported();
    } catch (e) {
      setError(asError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card sheet" aria-labelledby="sheet-heading">
      <h2 id="sheet-heading">电子表格导入导出</h2>
      <p className="hint">
        导出文件使用标准列（序号、一级事项、二级事项、公开内容（要素）、公开依据、公开时限、公开主体、公开渠道和载体、公开对象、公开方式、公开层级等）。保留“事项编号”列可在导入时更新对应事项；不填事项编号的行新增为草稿。任何一行有误时，整个文件都不会导入。
      </p>
      <div className="actions">
        <button type="button" onClick={() => void exportFile()}>
          下载本单位目录（.xlsx）
        </button>
      </div>
      {message ? <Notice kind="success">{message}</Notice> : null}
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <Field label="导入电子表格（.xlsx）" name="file" error={error}>
          {(p) => <input {...p} type="file" accept={`.xlsx,${XLSX_MIME}`} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
        </Field>
        <div>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? '正在导入……' : '导入'}
          </button>
        </div>
      </form>
      {report ? (
        <Notice kind="success">
          <span data-testid="import-result">
            导入成功：共 {report.rows} 行，新增草稿 {report.created} 条，修改草稿 {report.updated} 条，修订已发布事项 {report.revised}{' '}
            条，未变化 {report.unchanged} 条。
          </span>
        </Notice>
      ) : null}
      {error && problems.length > 0 ? (
        <div className="notice notice-error" role="alert" data-testid="import-errors">
          <p className="notice-title">
            <strong>电子表格有 {new Set(problems.map((p) => p.row)).size} 行存在问题，未导入任何内容。</strong>
            请修改以下各行后重新上传整个文件。
          </p>
          <div className="table-scroll" role="region" aria-label="有问题的行" tabIndex={0}>
            <table className="problems">
              <thead>
                <tr>
                  <th scope="col">行号</th>
                  <th scope="col">列</th>
                  <th scope="col">问题</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((p, n) => (
                  <tr key={`${p.row}-${n}`}>
                    <td className="nowrap">第 {p.row} 行</td>
                    <td className="nowrap">{p.column}</td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : error && error.code !== 'NO_FILE' ? (
        <ErrorNotice error={error} title="未导入任何内容" />
      ) : null}
    </section>
  );
}

interface ItemForm {
  source: string;
  domainCode: string;
  firstLevel: string;
  secondLevel: string;
  content: string;
  legalBases: string;
  timeLimit: string;
  subject: string;
  method: string;
  channels: string[];
  channelOther: string;
  audienceKind: string;
  audienceDetail: string;
  level: string;
  stage: string;
  reviseReason: string;
  withdrawReason: string;
}

const EMPTY_FORM: ItemForm = {
  source: 'new',
  domainCode: '',
  firstLevel: '',
  secondLevel: '',
  content: '',
  legalBases: '',
  timeLimit: '',
  subject: '',
  method: '',
  channels: [],
  channelOther: '',
  audienceKind: '',
  audienceDetail: '',
  level: '',
  stage: '',
  reviseReason: '',
  withdrawReason: '',
};

function formOf(itemId: string, c: ItemContent): Partial<ItemForm> {
  return {
    source: itemId,
    domainCode: c.domainCode,
    firstLevel: c.firstLevel ?? '',
    secondLevel: c.secondLevel ?? '',
    content: c.content ?? '',
    legalBases: c.legalBases.map((b) => `《${b.law}》${b.article ?? ''}`).join('\n'),
    timeLimit: c.timeLimit?.text ?? '',
    subject: c.subject ?? '',
    method: c.method ?? '',
    channels: c.channels.map((ch) => ch.channel),
    channelOther: c.channels.find((ch) => ch.channel === '其他')?.other ?? '',
    audienceKind: c.audience?.kind ?? '',
    audienceDetail: c.audience?.detail ?? '',
    level: c.level ?? '',
    stage: c.stage ?? '',
  };
}

const NEW_KEY = 'gongkai.draft.catalogue.item.new';
const blank = (s: string) => (s.trim() === '' ? undefined : s.trim());

/** The form as the API's item content: empty fields are left out (a draft may lack elements). */
function contentOf(f: ItemForm) {
  const legalBases = f.legalBases
    .split(/[；;\n]+/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^《(.+?)》\s*(.*)$/.exec(part);
      if (!match) return { law: part };
      return match[2].trim() ? { law: match[1].trim(), article: match[2].trim() } : { law: match[1].trim() };
    });
  const limit = f.timeLimit.trim();
  const working = /(\d+)\s*个?工作日/.exec(limit);
  const calendar = /(\d+)\s*(?:个)?(?:自然)?日内/.exec(limit);
  const rule = working
    ? { kind: 'working_days_after_formation', days: Number(working[1]) }
    : calendar
      ? { kind: 'calendar_days_after_formation', days: Number(calendar[1]) }
      : null;
  return {
    domainCode: blank(f.domainCode),
    firstLevel: blank(f.firstLevel),
    secondLevel: blank(f.secondLevel),
    content: blank(f.content),
    legalBases,
    timeLimit: limit ? { text: limit, rule } : undefined,
    subject: blank(f.subject),
    method: blank(f.method),
    channels: CHANNELS.filter((c) => f.channels.includes(c)).map((channel) =>
      channel === '其他' && blank(f.channelOther) ? { channel, other: f.channelOther.trim() } : { channel },
    ),
    audience: f.audienceKind
      ? { kind: f.audienceKind, ...(blank(f.audienceDetail) ? { detail: f.audienceDetail.trim() } : {}) }
      : undefined,
    level: blank(f.level),
    stage: blank(f.stage),
  };
}

/** Element names of ITEM_ELEMENTS_MISSING → the form field and what to tell the clerk there. */
const ELEMENT_FIELDS: [string, string, string][] = [
  ['名称', 'secondLevel', '发布前须填写事项名称（二级事项）'],
  ['内容', 'content', '发布前须填写公开内容（要素）'],
  ['依据', 'legalBases', '发布前须填写公开依据'],
  ['时限', 'timeLimit', '发布前须填写公开时限'],
  ['主体', 'subject', '发布前须填写公开主体'],
  ['方式', 'method', '发布前须选择公开方式'],
  ['渠道（', 'channelOther', '选择了“其他”渠道，请注明具体渠道'],
  ['渠道', 'channels', '发布前须至少选择一个公开渠道和载体'],
  ['公开对象', 'audience', '发布前须选择公开对象'],
];
const GROUPED = ['legalBases', 'timeLimit', 'channels', 'audience'];

/** The API's field paths (`content.timeLimit.text`, `channels.12.other`) → this form's fields; missing elements become field errors. */
function forForm(error: ApiError): ApiError {
  const errors: FieldError[] = error.errors.map((e) => {
    const parts = e.field.replace(/^content\./, '').split('.');
    if (parts[0] === 'channels' && parts[2] === 'other') return { ...e, field: 'channelOther' };
    return { ...e, field: GROUPED.includes(parts[0]) ? parts[0] : parts.join('.') };
  });
  const missing = Array.isArray(error.extensions.missing) ? (error.extensions.missing as string[]) : [];
  for (const element of missing) {
    const match = ELEMENT_FIELDS.find(([name]) => element.startsWith(name));
    if (match) errors.push({ field: match[1], code: 'element_missing', message: match[2] });
  }
  return new ApiError(error.status, error.code, error.detail, errors, error.extensions);
}

/** A group of checkboxes or radios with its legend and, next to it, the API's error for it. */
function ChoiceGroup({
  legend,
  error,
  field,
  hint,
  required,
  children,
}: {
  legend: string;
  error: ApiError | null;
  field: string;
  hint?: string;
  required?: boolean;
  children: ReactNode;
}) {
  const id = useId();
  const message = error?.fieldMessage(field);
  const describedBy = [hint ? `${id}-hint` : null, message ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset
      className={`choice-group${message ? ' field-invalid' : ''}`}
      aria-describedby={describedBy}
      aria-invalid={message ? true : undefined}
      data-field={field}
    >
      <legend>
        {legend}
        {required ? (
          <span className="required" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
      </legend>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children}
      {message ? (
        <p className="field-error" id={`${id}-error`}>
          {message}
        </p>
      ) : null}
    </fieldset>
  );
}

export function ItemEditor({ session }: { session: Session }) {
  const { itemId = 'new' } = useParams();
  const navigate = useNavigate();
  const isNew = itemId === 'new';
  const unitId = session.unitId;
  const base = unitId ? `/api/catalogue/units/${encodeURIComponent(unitId)}` : null;
  const unit = useApi<Unit>(base);
  const items = useApi<StaffItem[]>(base && !isNew ? `${base}/items` : null, [itemId]);
  const domains = useApi<Domain[]>('/api/catalogue/portal/domains');
  const [form, update] = useDraft<ItemForm>(`catalogue.item.${itemId}`, EMPTY_FORM);
  const [error, setError] = useState<ApiError | null>(null);
  const [withdrawError, setWithdrawError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState<ReactNode>(null);
  const [busy, setBusy] = useState(false);
  /** What the last command answered: the read model may not have caught up yet. */
  const [answered, setAnswered] = useState<CommandResult | null>(null);
  const item = items.data?.find((i) => i.itemId === itemId) ?? null;
  const status = answered?.itemId === itemId ? answered.status : (item?.status ?? (isNew ? 'none' : null));
  const version = answered?.itemId === itemId ? answered.version : (item?.version ?? 0);

  // An existing item fills the form once (typing kept in sessionStorage wins); a new one takes the unit's level.
  useEffect(() => {
    if (item && form.source !== item.itemId) update(formOf(item.itemId, item.content));
  }, [item, form.source, update]);
  useEffect(() => {
    // Once a new draft has moved to its own address, its leftover copy under "new" goes.
    const raw = sessionStorage.getItem(NEW_KEY);
    if (!isNew && raw && (JSON.parse(raw) as Partial<ItemForm>).source === itemId) sessionStorage.removeItem(NEW_KEY);
  }, [isNew, itemId, form.source]);
  useEffect(() => {
    if (isNew && !form.level && unit.data) update({ level: unit.data.level });
  }, [isNew, form.level, unit.data, update]);

  const itemsPath = `${base}/items`;
  /** Saves the draft (creating it when new); returns its id, or null after an error. */
  const saveDraft = async (): Promise<string | null> => {
    const body = contentOf(form);
    if (isNew) {
      const result = await api<CommandResult>(itemsPath, { method: 'POST', body });
      // Carry the typing over to the item's own draft key, then move to its address (same editor, nothing lost).
      sessionStorage.setItem(`gongkai.draft.catalogue.item.${result.itemId}`, JSON.stringify({ ...form, source: result.itemId }));
      update({ source: result.itemId });
      setAnswered(result);
      navigate(`/console/catalogue/items/${result.itemId}`, { replace: true, state: { editorKey: 'new' } });
      return result.itemId;
    }
    const result = await api<CommandResult>(`${itemsPath}/${encodeURIComponent(itemId)}`, { method: 'PUT', body });
    setAnswered(result);
    return itemId;
  };

  const run = async (action: () => Promise<ReactNode>, onError: (e: ApiError) => void = (e) => setError(forForm(e))) => {
    setError(null);
    setWithdrawError(null);
    setMessage(null);
    setBusy(true);
    try {
      setMessage(await action());
      items.reload();
    } catch (e) {
      onError(asError(e));
    } finally {
      setBusy(false);
    }
  };

  const save = () => run(async () => ((await saveDraft()) ? '草稿已保存。' : null));
  const publish = () =>
    run(async () => {
      const id = await saveDraft();
      if (!id) return null;
      const result = await api<CommandResult>(`${itemsPath}/${encodeURIComponent(id)}/publish`, { method: 'POST' });
      setAnswered(result);
      return (
        <>
          已发布（第 {result.version} 版），门户网站将显示该事项：<Link to={`/items/${id}`}>在门户网站查看</Link>
        </>
      );
    });
  const revise = () =>
    run(async () => {
      const result = await api<CommandResult>(`${itemsPath}/${encodeURIComponent(itemId)}/revise`, {
        method: 'POST',
        body: { content: contentOf(form), reason: form.reviseReason.trim() || undefined },
      });
      setAnswered(result);
      update({ reviseReason: '' });
      return `修订已发布（第 ${result.version} 版），原版本保留在历史记录中。`;
    });
  const withdraw = () =>
    run(
      async () => {
        const result = await api<CommandResult>(`${itemsPath}/${encodeURIComponent(itemId)}/withdraw`, {
          method: 'POST',
          body: { reason: form.withdrawReason.trim() || undefined },
        });
        setAnswered(result);
        update({ withdrawReason: '' });
        return '该事项已撤回，门户网站不再显示。';
      },
      (e) => setWithdrawError(e),
    );

  const published = status === 'published';
  const editable = status === 'none' || status === 'draft' || published;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void (published ? revise() : publish());
  };
  const toggleChannel = (channel: string, on: boolean) =>
    update({ channels: on ? [...form.channels, channel] : form.channels.filter((c) => c !== channel) });
  const title = isNew
    ? '新增公开事项'
    : status === 'published'
      ? '修订公开事项'
      : status === 'withdrawn'
        ? '已撤回的公开事项'
        : '编辑公开事项';

  return (
    <>
      <Breadcrumb
        trail={[
          ['工作台', '/console'],
          ['公开事项目录', '/console/catalogue'],
          [title, null],
        ]}
      />
      <PageTitle
        lead={`${unit.data?.name ?? unitId ?? ''} · 八要素：名称、内容、依据、时限、主体、方式、渠道、公开对象（发布时须齐全，草稿可暂缺）`}
      >
        {title}
      </PageTitle>
      <NeedsUnit session={session} />
      {!isNew && items.loading && !item ? <Loading what="事项" /> : null}
      <ErrorNotice error={items.error} />
      {!isNew && items.data && !item && !answered ? (
        <Notice kind="warn">未找到该事项（刚新增的事项可能需要几秒钟才出现，请刷新）。</Notice>
      ) : null}
      {status && status !== 'none' ? (
        <p className="status-line" data-testid="item-status">
          状态：
          <StatusBadge item={{ status: status, correction: answered ? null : (item?.correction ?? null) }} />
          {version > 0 ? <span className="badge">第 {version} 版</span> : null}
          {item && item.versions.length > 1 ? <span className="muted"> 共 {item.versions.length} 个版本</span> : null}
        </p>
      ) : null}
      {item?.correction && !answered ? (
        <Notice kind="warn">
          <strong>区政府办公室退回修改（{formatDate(item.correction.at)}）：</strong>
          {item.correction.note}。请修改后提交修订。
        </Notice>
      ) : null}
      {status === 'withdrawn' ? (
        <Notice kind="warn">
          该事项已撤回{item?.withdrawal ? `（${formatDate(item.withdrawal.at)}，理由：${item.withdrawal.reason}）` : ''}，不能再修改。
        </Notice>
      ) : null}
      {message ? <Notice kind="success">{message}</Notice> : null}
      <ErrorNotice
        error={error}
        title={error?.code === 'ITEM_ELEMENTS_MISSING' ? '未能发布，您填写的内容已保留' : '操作未成功，您填写的内容已保留'}
      />
      {unitId && (isNew || item || answered) ? (
        <form className="form item-form" onSubmit={onSubmit} noValidate>
          <fieldset disabled={!editable || busy} className="plain">
            <legend className="visually-hidden">事项内容</legend>
            <div className="row">
              <Field label="所属领域" name="domainCode" error={error} required>
                {(p) => (
                  <select {...p} value={form.domainCode} onChange={(e) => update({ domainCode: e.target.value })}>
                    <option value="">请选择</option>
                    {(domains.data ?? []).map((d) => (
                      <option key={d.code} value={d.code}>
                        {d.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label="一级事项" name="firstLevel" error={error} required>
                {(p) => <input {...p} value={form.firstLevel} onChange={(e) => update({ firstLevel: e.target.value })} />}
              </Field>
            </div>
            <Field label="事项名称（二级事项）" name="secondLevel" error={error} required>
              {(p) => <input {...p} value={form.secondLevel} onChange={(e) => update({ secondLevel: e.target.value })} />}
            </Field>
            <Field label="公开内容（要素）" name="content" error={error} required>
              {(p) => <textarea {...p} rows={3} value={form.content} onChange={(e) => update({ content: e.target.value })} />}
            </Field>
            <Field label="公开依据" name="legalBases" error={error} required hint="每行一条，如：《社会救助暂行办法》第十四条">
              {(p) => <textarea {...p} rows={2} value={form.legalBases} onChange={(e) => update({ legalBases: e.target.value })} />}
            </Field>
            <div className="row">
              <Field label="公开时限" name="timeLimit" error={error} required hint="通常为：信息形成或者变更之日起20个工作日内">
                {(p) => <input {...p} value={form.timeLimit} onChange={(e) => update({ timeLimit: e.target.value })} />}
              </Field>
              <Field label="公开主体" name="subject" error={error} required hint="负责公开的机关或机构">
                {(p) => <input {...p} value={form.subject} onChange={(e) => update({ subject: e.target.value })} />}
              </Field>
            </div>
            <div className="row">
              <ChoiceGroup legend="公开方式" field="method" error={error} required>
                <div className="choices">
                  <RadioOptions
                    name="method"
                    options={[
                      ['主动', '主动公开'],
                      ['依申请', '依申请公开'],
                    ]}
                    value={form.method}
                    onChange={(method) => update({ method })}
                  />
                </div>
              </ChoiceGroup>
              <ChoiceGroup legend="公开对象" field="audience" error={error} required>
                <div className="choices">
                  <RadioOptions
                    name="audienceKind"
                    options={['全社会', '特定群体']}
                    value={form.audienceKind}
                    onChange={(audienceKind) => update({ audienceKind })}
                  />
                </div>
                {form.audienceKind === '特定群体' ? (
                  <Field label="特定群体说明" name="audienceDetail" error={error} apiField="audience.detail">
                    {(p) => <input {...p} value={form.audienceDetail} onChange={(e) => update({ audienceDetail: e.target.value })} />}
                  </Field>
                ) : null}
              </ChoiceGroup>
            </div>
            <ChoiceGroup legend="公开渠道和载体" field="channels" error={error} required hint="可多选">
              <div className="choices choices-wide">
                {CHANNELS.map((channel) => (
                  <label key={channel} className="choice">
                    <input
                      type="checkbox"
                      name="channels"
                      value={channel}
                      checked={form.channels.includes(channel)}
                      onChange={(e) => toggleChannel(channel, e.target.checked)}
                    />{' '}
                    {channel}
                  </label>
                ))}
              </div>
              {form.channels.includes('其他') ? (
                <Field label="其他渠道（请注明）" name="channelOther" error={error} required>
                  {(p) => <input {...p} value={form.channelOther} onChange={(e) => update({ channelOther: e.target.value })} />}
                </Field>
              ) : null}
            </ChoiceGroup>
            <div className="row">
              <Field label="公开层级" name="level" error={error} required>
                {(p) => (
                  <select {...p} value={form.level} onChange={(e) => update({ level: e.target.value })}>
                    <option value="">请选择</option>
                    {LEVELS.map((l) => (
                      <option key={l}>{l}</option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label="公开环节" name="stage" error={error} hint="部分领域按决策、执行、管理、服务、结果划分">
                {(p) => (
                  <select {...p} value={form.stage} onChange={(e) => update({ stage: e.target.value })}>
                    <option value="">不区分</option>
                    {STAGES.map((s) => (
                      <option key={s}>{s}</option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            {published ? (
              <Field label="修订理由" name="reason" error={error} required hint="修订将形成新版本，原版本保留在历史记录中">
                {(p) => <textarea {...p} rows={2} value={form.reviseReason} onChange={(e) => update({ reviseReason: e.target.value })} />}
              </Field>
            ) : null}
            {editable ? (
              <div className="actions">
                {published ? (
                  <button type="submit" className="primary">
                    提交修订
                  </button>
                ) : (
                  <>
                    <button type="submit" className="primary">
                      发布
                    </button>
                    <button type="button" onClick={() => void save()}>
                      保存草稿
                    </button>
                  </>
                )}
              </div>
            ) : null}
          </fieldset>
        </form>
      ) : null}
      {published ? (
        <section className="card withdraw" aria-labelledby="withdraw-heading">
          <h2 id="withdraw-heading">撤回事项</h2>
          <p className="hint">撤回后门户网站不再显示该事项，历史版本和撤回理由留存备查。</p>
          <ErrorNotice error={withdrawError} title="未能撤回" />
          <form
            className="form"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void withdraw();
            }}
          >
            <Field label="撤回理由" name="reason" error={withdrawError} required>
              {(p) => <textarea {...p} rows={2} value={form.withdrawReason} onChange={(e) => update({ withdrawReason: e.target.value })} />}
            </Field>
            <div>
              <button type="submit" disabled={busy}>
                撤回事项
              </button>
            </div>
          </form>
        </section>
      ) : null}
      {item && item.versions.length > 0 ? (
        <section aria-labelledby="versions-heading">
          <h2 id="versions-heading">版本记录</h2>
          <ol className="history">
            {item.versions.map((v) => (
              <li key={v.version}>
                第 {v.version} 版 · {formatDateTime(v.publishedAt)}
                {v.reason ? ` · 修订理由：${v.reason}` : ''}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </>
  );
}

/** Keeps one editor across "new" → the created item's address (typing and errors stay on screen). */
export function ItemEditorRoute({ session }: { session: Session }) {
  const { itemId = 'new' } = useParams();
  const location = useLocation();
  const key = (location.state as { editorKey?: string } | null)?.editorKey ?? itemId;
  return <ItemEditor key={key} session={session} />;
}
