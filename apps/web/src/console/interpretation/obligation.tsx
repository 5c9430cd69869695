import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { ObligationStaffView, UnitListView } from '@gongkai/contracts/vocabulary';
import { ApiError, download, upload, type Session } from '../../api';
import {
  ActionForm,
  Breadcrumb,
  declaredType,
  DueBadge,
  ErrorNotice,
  Field,
  formatFileSize,
  INTERPRETATION_CHANNELS,
  INTERPRETATION_FORMS,
  Loading,
  Notice,
  PageTitle,
  unitName,
  useApi,
  useForm,
  useReadYourWrites,
} from '../../ui';
import { STATUS_LABELS } from './obligations';

function Checkboxes({
  legend,
  name,
  options,
  value,
  onChange,
  error,
  apiField,
}: {
  legend: string;
  name: string;
  options: readonly string[];
  value: string[];
  onChange: (v: string[]) => void;
  error: ApiError | null;
  apiField: string;
}) {
  const message = error?.fieldMessage(apiField);
  return (
    <fieldset className={`choice-group${message ? ' field-invalid' : ''}`}>
      <legend>
        {legend}
        <span className="required" aria-hidden="true">
          {' '}
          *
        </span>
      </legend>
      <div className="choices">
        {options.map((o) => (
          <label key={o} className="choice">
            <input
              type="checkbox"
              name={name}
              value={o}
              checked={value.includes(o)}
              onChange={(e) => onChange(e.target.checked ? [...value, o] : value.filter((v) => v !== o))}
            />{' '}
            {o}
          </label>
        ))}
      </div>
      {message ? <p className="field-error">{message}</p> : null}
    </fieldset>
  );
}

export function ObligationPage({ session }: { session: Session }) {
  const { documentId = '' } = useParams();
  const base = `/api/interpretation/obligations/${encodeURIComponent(documentId)}`;
  const view = useApi<ObligationStaffView>(base);
  const units = useApi<UnitListView[]>('/api/catalogue/units');
  const reload = useReadYourWrites(view);
  const [publishChannels, setPublishChannels] = useState<string[]>(['政府网站']);
  const planAction = useForm(
    `interp.plan.${documentId}`,
    { plan: '', forms: [] as string[], channels: [] as string[] },
    { onDone: reload },
  );
  const { values: plan, update: updatePlan } = planAction;
  const materialAction = useForm(
    `interp.material.${documentId}`,
    {
      form: '简明问答',
      title: '',
      body: '',
      link: '',
    },
    { onDone: reload },
  );
  const [materialFile, setMaterialFile] = useState<File | null>(null);
  const { values: material, update: updateMaterial, clear: clearMaterial } = materialAction;
  const signAction = useForm(`interp.sign.${documentId}`, { signer: '' }, { onDone: reload });
  const publishAction = useForm(null, {}, { onDone: reload });
  const v = view.data;
  const o = v?.obligation ?? null;
  const published = o?.status === 'published';
  return (
    <>
      <Breadcrumb
        trail={[
          ['工作台', '/console'],
          ['政策解读', '/console/interpretation'],
          ['解读任务', null],
        ]}
      />
      {view.loading && !v ? <Loading what="解读任务" /> : null}
      <ErrorNotice error={view.error} />
      {v && o ? (
        <>
          <PageTitle lead={`${v.documentNumber} · ${v.documentType} · ${unitName(units.data, v.unitId)}`}>{v.title}</PageTitle>
          <div className="sticky-clock static" aria-live="polite">
            状态：<strong data-testid="obligation-status">{STATUS_LABELS[o.status] ?? o.status}</strong> <DueBadge view={v} />
          </div>
          <dl className="kv-list card">
            <dt>印发日期</dt>
            <dd>{v.issuedOn}</dd>
            <dt>发布时限</dt>
            <dd>
              政策公开后 {o.limitWorkingDays} 个工作日内（{o.dueOn} 前）
            </dd>
            <dt>政策文件签发人</dt>
            <dd data-testid="approver">{o.approvedBy}</dd>
            <dt>审签</dt>
            <dd>{o.signedBy ? `已由 ${o.signedBy} 审签` : '尚未审签'}</dd>
          </dl>

          <section aria-labelledby="plan-heading" className="card">
            <h2 id="plan-heading">1. 解读方案</h2>
            {o.plan ? (
              <>
                <p className="prewrap" data-testid="plan-text">
                  {o.plan.plan}
                </p>
                <p className="meta">
                  形式：{o.plan.forms.join('、')} · 渠道：{o.plan.channels.join('、')}
                </p>
              </>
            ) : (
              <p className="muted">尚未制定解读方案。</p>
            )}
            {!published ? (
              <ActionForm
                action={planAction}
                failure="方案未保存，您填写的内容已保留"
                submitLabel={o.plan ? '修改解读方案' : '保存解读方案'}
                onSubmit={() => {
                  void planAction.run(
                    `${base}/plan`,
                    'PUT',
                    { plan: plan.plan, forms: plan.forms, channels: plan.channels },
                    '解读方案已保存。',
                  );
                }}
              >
                <Field label="方案内容" name="plan" error={planAction.error} required hint="解读重点、分工、时间安排">
                  {(p) => <textarea {...p} rows={4} value={plan.plan} onChange={(e) => updatePlan({ plan: e.target.value })} />}
                </Field>
                <Checkboxes
                  legend="解读形式"
                  name="forms"
                  options={INTERPRETATION_FORMS}
                  value={plan.forms}
                  onChange={(forms) => updatePlan({ forms })}
                  error={planAction.error}
                  apiField="forms"
                />
                <Checkboxes
                  legend="发布渠道"
                  name="planChannels"
                  options={INTERPRETATION_CHANNELS}
                  value={plan.channels}
                  onChange={(channels) => updatePlan({ channels })}
                  error={planAction.error}
                  apiField="channels"
                />
              </ActionForm>
            ) : null}
          </section>

          <section aria-labelledby="materials-heading" className="card">
            <h2 id="materials-heading">2. 解读材料（{v.materials.length}）</h2>
            {v.materials.length ? (
              <ul className="cards" data-testid="materials">
                {v.materials.map((m) => (
                  <li key={m.materialId} className="card">
                    <h3>
                      {m.title} <span className="badge">{m.form}</span>
                    </h3>
                    {m.body ? <p className="prewrap">{m.body}</p> : null}
                    {m.reference ? <p className="meta">附件/链接：{m.reference}</p> : null}
                    {m.file ? (
                      <p>
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => void download(`${base}/materials/${encodeURIComponent(m.materialId)}/file`)}
                        >
                          {m.file.originalName}（{formatFileSize(m.file.size)}）
                        </button>
                      </p>
                    ) : null}
                    {m.link ? (
                      <p className="meta">
                        链接：
                        <a href={m.link} target="_blank" rel="noopener noreferrer">
                          {m.link}
                        </a>
                      </p>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">尚未添加解读材料。</p>
            )}
            {!published ? (
              <ActionForm
                action={materialAction}
                failure="材料未添加，您填写的内容已保留"
                submitLabel="添加解读材料"
                onSubmit={() => {
                  const materialId = `M-${Date.now().toString(36)}`;
                  const file = materialFile;
                  if (file) {
                    // A file (图解, 问答 document): the bytes are the body, the original name travels as ?name=.
                    const query = `form=${encodeURIComponent(material.form)}&title=${encodeURIComponent(material.title)}&name=${encodeURIComponent(file.name)}`;
                    void materialAction.submit(async () => {
                      const result = await upload(`${base}/materials/${materialId}/file?${query}`, file, declaredType(file), {
                        method: 'PUT',
                      });
                      clearMaterial();
                      setMaterialFile(null);
                      await reload(result);
                    });
                    return;
                  }
                  void materialAction.run(
                    `${base}/materials`,
                    'POST',
                    {
                      materialId,
                      form: material.form,
                      title: material.title,
                      body: material.body.trim() || undefined,
                      link: material.link.trim() || undefined,
                    },
                    '解读材料已添加（添加材料后须重新审签）。',
                    clearMaterial,
                  );
                }}
              >
                <Field label="材料形式" name="form" error={materialAction.error} required>
                  {(p) => (
                    <select {...p} value={material.form} onChange={(e) => updateMaterial({ form: e.target.value })}>
                      {INTERPRETATION_FORMS.map((f) => (
                        <option key={f}>{f}</option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label="材料标题" name="title" error={materialAction.error} required>
                  {(p) => <input {...p} value={material.title} onChange={(e) => updateMaterial({ title: e.target.value })} />}
                </Field>
                <Field label="正文" name="body" error={materialAction.error} hint="简明问答、案例说明须填写正文">
                  {(p) => <textarea {...p} rows={5} value={material.body} onChange={(e) => updateMaterial({ body: e.target.value })} />}
                </Field>
                <Field
                  label="文件"
                  name="file"
                  error={materialAction.error}
                  hint="图表图解：PNG、JPEG 或 PDF；简明问答、案例说明也可上传 .docx、PDF"
                >
                  {(p) => <input {...p} type="file" onChange={(e) => setMaterialFile(e.target.files?.[0] ?? null)} />}
                </Field>
                <Field label="音视频链接" name="link" error={materialAction.error} hint="音频视频须填写（http:// 或 https:// 开头）">
                  {(p) => <input {...p} type="url" value={material.link} onChange={(e) => updateMaterial({ link: e.target.value })} />}
                </Field>
              </ActionForm>
            ) : null}
          </section>

          <section aria-labelledby="sign-heading" className="card" data-testid="sign-off">
            <h2 id="sign-heading">3. 审签</h2>
            <p>
              同步审签：解读材料与政策文件由同一领导审签。请登记审签的签发人（领导）姓名，签发人无需为系统用户；本次登记人为{session.name}（
              {session.userId}）。
            </p>
            {o.status === 'signed_off' ? <Notice kind="info">已由 {o.signedBy} 审签，可以发布。</Notice> : null}
            {o.status === 'open' ? (
              <ActionForm
                action={signAction}
                failure="审签未登记，您填写的内容已保留"
                submitLabel="登记审签"
                onSubmit={() =>
                  void signAction.run(`${base}/sign-off`, 'POST', { signer: signAction.values.signer.trim() }, '已登记审签。')
                }
              >
                <Field label="签发人" name="signer" error={signAction.error} required hint={`签发该政策文件的领导：${o.approvedBy}`}>
                  {(p) => <input {...p} value={signAction.values.signer} onChange={(e) => signAction.update({ signer: e.target.value })} />}
                </Field>
              </ActionForm>
            ) : null}
          </section>

          <section aria-labelledby="publish-heading" className="card">
            <h2 id="publish-heading">4. 发布</h2>
            {published && v.interpretation ? (
              <p data-testid="published">
                已于 {v.interpretation.publishedOn} 通过{v.interpretation.channels.join('、')}发布，
                {v.interpretation.workingDaysAfterIssue === 0
                  ? '与政策同日发布'
                  : `印发后第 ${v.interpretation.workingDaysAfterIssue} 个工作日`}
                。 <Link to={`/policies/${encodeURIComponent(v.documentId)}`}>在门户网站查看</Link>
              </p>
            ) : (
              <ActionForm
                action={publishAction}
                failure="发布未成功"
                submitLabel="发布解读"
                onSubmit={() => {
                  void publishAction.run(`${base}/publish`, 'POST', { channels: publishChannels }, '解读已发布。');
                }}
              >
                <Checkboxes
                  legend="发布渠道"
                  name="publishChannels"
                  options={INTERPRETATION_CHANNELS}
                  value={publishChannels}
                  onChange={setPublishChannels}
                  error={publishAction.error}
                  apiField="channels"
                />
              </ActionForm>
            )}
          </section>
        </>
      ) : v ? (
        <>
          <PageTitle>{v.title}</PageTitle>
          <Notice>该文件没有解读任务。</Notice>
        </>
      ) : null}
    </>
  );
}
