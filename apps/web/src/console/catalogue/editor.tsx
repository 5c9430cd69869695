import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import type { StaffItemView } from '@gongkai/contracts/vocabulary';
import type { DomainView, UnitListView } from '@gongkai/contracts/vocabulary';
import { api, ApiError, type Session } from '../../api';
import {
  asError,
  Breadcrumb,
  ErrorNotice,
  Field,
  formatDate,
  formatDateTime,
  Loading,
  Notice,
  PageTitle,
  RadioOptions,
  useApi,
  useForm,
} from '../../ui';
import { CHANNELS, type CommandResult, LEVELS, NeedsUnit, STAGES, StatusBadge } from './catalogue';
import { ChoiceGroup, contentOf, EMPTY_FORM, forForm, formOf, type ItemForm, NEW_KEY } from './item-form';

export function ItemEditor({ session }: { session: Session }) {
  const { itemId = 'new' } = useParams();
  const navigate = useNavigate();
  const isNew = itemId === 'new';
  const unitId = session.unitId;
  const base = unitId ? `/api/catalogue/units/${encodeURIComponent(unitId)}` : null;
  const unit = useApi<UnitListView>(base);
  // The item by its id (the text box searches ids too); the list answers a page, never the whole catalogue.
  const items = useApi<StaffItemView[]>(base && !isNew ? `${base}/items?q=${encodeURIComponent(itemId)}&pageSize=20` : null, [itemId]);
  const domains = useApi<DomainView[]>('/api/catalogue/portal/domains');
  const editor = useForm<ItemForm>(`catalogue.item.${itemId}`, EMPTY_FORM, { toForm: forForm });
  const { values: form, update, error, submitting: busy } = editor;
  /** The withdrawal has its own section: its refusal is shown there. */
  const [withdrawError, setWithdrawError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState<ReactNode>(null);
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

  const run = async (action: () => Promise<ReactNode>, onError?: (e: ApiError) => void) => {
    setWithdrawError(null);
    setMessage(null);
    await editor.submit(async () => {
      try {
        setMessage(await action());
        items.reload();
      } catch (e) {
        if (!onError) throw e;
        onError(asError(e));
      }
    });
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
