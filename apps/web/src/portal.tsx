import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, api } from './api';
import {
  APPLICANT_TYPES,
  DELIVERY_METHODS,
  ID_DOCUMENT_KINDS,
  OPEN_DAY_STATUS_LABELS,
  PREFERRED_FORMS,
  PROVISIONAL_DUE_NOTE,
  UNIT_KIND_LABELS,
} from './labels';
import type { Consultation, Domain, ItemContent, Policy, PublicDocument, PublicItem, SearchHit, Unit } from './types';
import {
  ErrorNotice,
  Field,
  Loading,
  Notice,
  PageTitle,
  formatDate,
  formatDateTime,
  useApi,
  useDraft,
  unitName,
  shanghaiToday,
} from './ui';

export function SearchBox({ initial = '', big = false }: { initial?: string; big?: boolean }) {
  const [q, setQ] = useState(initial);
  const navigate = useNavigate();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (q.trim()) navigate(`/search?q=${encodeURIComponent(q.trim())}`);
  };
  return (
    <form role="search" className={big ? 'search search-big' : 'search'} onSubmit={submit} aria-label="站内检索">
      <label htmlFor="site-search" className="visually-hidden">
        检索公开事项、公文和政策解读
      </label>
      <input
        id="site-search"
        name="q"
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder="输入关键词，如：低保、招生入学"
        maxLength={100}
      />
      <button type="submit">检索</button>
    </form>
  );
}

export function PortalHome() {
  const domains = useApi<Domain[]>('/api/catalogue/portal/domains');
  const units = useApi<Unit[]>('/api/catalogue/units');
  const groups: [string, Unit[]][] = [
    ['区直部门', (units.data ?? []).filter((u) => u.level === '县级')],
    ['镇、街道', (units.data ?? []).filter((u) => u.level === '乡级')],
  ];
  return (
    <>
      <section className="hero" aria-labelledby="page-heading">
        <h1 id="page-heading" tabIndex={-1}>
          台儿庄区政务公开
        </h1>
        <p className="lead">指尖上的网上政府：查目录、看政策、申请公开、参与决策</p>
        <SearchBox big />
      </section>
      <nav className="quick" aria-label="常用服务">
        <Link to="/apply">申请政府信息公开</Link>
        <Link to="/track">查询申请进度</Link>
        <Link to="/policies">政策文件与解读</Link>
        <Link to="/consultations">意见征集</Link>
        <Link to="/documents">主动公开文件</Link>
        <Link to="/negative-list">负面清单</Link>
        <Link to="/open-days">政府开放日</Link>
        <Link to="/annual-reports">政府信息公开年度报告</Link>
      </nav>
      <section aria-labelledby="domains-heading">
        <h2 id="domains-heading">26个试点领域标准目录</h2>
        {domains.loading ? <Loading what="试点领域" /> : null}
        <ErrorNotice error={domains.error} title="试点领域加载失败" />
        <ul className="tiles">
          {(domains.data ?? []).map((d) => (
            <li key={d.code}>
              <Link to={`/domains/${d.code}`}>{d.name}</Link>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="units-heading">
        <h2 id="units-heading">各单位政务公开目录</h2>
        {units.loading ? <Loading what="单位" /> : null}
        <ErrorNotice error={units.error} title="单位列表加载失败" />
        {groups.map(([label, list]) =>
          list.length ? (
            <div key={label}>
              <h3>{label}</h3>
              <ul className="tiles tiles-wide">
                {list.map((u) => (
                  <li key={u.unitId}>
                    <Link to={`/units/${u.unitId}`}>{u.name}</Link>
                  </li>
                ))}
              </ul>
            </div>
          ) : null,
        )}
      </section>
    </>
  );
}

function ItemList({ items, units }: { items: PublicItem[]; units: Unit[] | null }) {
  if (items.length === 0) return <p className="muted">暂无已发布的公开事项。</p>;
  return (
    <ul className="cards">
      {items.map((i) => (
        <li key={i.itemId} className="card">
          <h3>
            <Link to={`/items/${i.itemId}`}>{i.content.secondLevel ?? i.content.firstLevel}</Link>
          </h3>
          <p className="meta">
            {i.domainName ?? i.content.domainCode} · 一级事项：{i.content.firstLevel} · {unitName(units, i.unitId)} · 第{i.version}版
          </p>
          {i.content.content ? <p>{i.content.content}</p> : null}
        </li>
      ))}
    </ul>
  );
}

export function UnitCatalogue() {
  const { unitId = '' } = useParams();
  const data = useApi<{ unit: Unit; items: PublicItem[] }>(`/api/catalogue/portal/units/${encodeURIComponent(unitId)}/items`);
  const units = useApi<Unit[]>('/api/catalogue/units');
  const unit = data.data?.unit;
  return (
    <>
      <Breadcrumb
        trail={[
          ['单位目录', '/'],
          [unit?.name ?? unitId, null],
        ]}
      />
      <PageTitle
        lead={
          unit
            ? `${unit.level} · ${UNIT_KIND_LABELS[unit.kind] ?? unit.kind}${unit.opennessOffice ? ` · 政务公开主管科室：${unit.opennessOffice.office}（${unit.opennessOffice.officerName}${unit.opennessOffice.officerPhone ? `，${unit.opennessOffice.officerPhone}` : ''}）` : ''}`
            : undefined
        }
      >
        {unit ? `${unit.name}政务公开事项标准目录` : '单位目录'}
      </PageTitle>
      {data.loading ? <Loading what="目录" /> : null}
      <ErrorNotice error={data.error} />
      {data.data ? <ItemList items={data.data.items} units={units.data} /> : null}
      {unit ? (
        <p>
          <Link to={`/apply?unit=${unit.unitId}`}>向{unit.name}申请政府信息公开</Link>
        </p>
      ) : null}
    </>
  );
}

export function DomainCatalogue() {
  const { code = '' } = useParams();
  const data = useApi<{ domain: Domain; items: PublicItem[] }>(`/api/catalogue/portal/domains/${encodeURIComponent(code)}/items`);
  const units = useApi<Unit[]>('/api/catalogue/units');
  return (
    <>
      <Breadcrumb
        trail={[
          ['试点领域', '/'],
          [data.data?.domain.name ?? code, null],
        ]}
      />
      <PageTitle lead="各单位在本领域已发布的公开事项">{data.data ? `${data.data.domain.name}领域` : '试点领域'}</PageTitle>
      {data.loading ? <Loading what="目录" /> : null}
      <ErrorNotice error={data.error} />
      {data.data ? <ItemList items={data.data.items} units={units.data} /> : null}
    </>
  );
}

function Elements({ content }: { content: ItemContent }) {
  const rows: [string, string][] = [
    ['一级事项', content.firstLevel],
    ['二级事项', content.secondLevel ?? '—'],
    ['公开内容（要素）', content.content ?? '—'],
    ['公开依据', content.legalBases.map((b) => `《${b.law}》${b.article ?? ''}`).join('；') || '—'],
    ['公开时限', content.timeLimit?.text ?? '—'],
    ['公开主体', content.subject ?? '—'],
    ['公开渠道和载体', content.channels.map((c) => c.other ?? c.channel).join('、') || '—'],
    ['公开对象', content.audience ? `${content.audience.kind}${content.audience.detail ? `（${content.audience.detail}）` : ''}` : '—'],
    ['公开方式', content.method ?? '—'],
    ['公开层级', content.level],
    ['事项过程', content.stage ?? '—'],
  ];
  return (
    <table className="kv">
      <caption className="visually-hidden">公开事项要素</caption>
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ItemDetail() {
  const { itemId = '' } = useParams();
  const item = useApi<PublicItem>(`/api/catalogue/portal/items/${encodeURIComponent(itemId)}`);
  const units = useApi<Unit[]>('/api/catalogue/units');
  const i = item.data;
  return (
    <>
      <Breadcrumb
        trail={[
          ['单位目录', '/'],
          ...(i ? [[unitName(units.data, i.unitId), `/units/${i.unitId}`] as [string, string]] : []),
          ['事项详情', null],
        ]}
      />
      {item.loading ? <Loading what="事项" /> : null}
      <ErrorNotice error={item.error} />
      {i ? (
        <>
          <PageTitle lead={`${i.domainName ?? i.content.domainCode} · ${unitName(units.data, i.unitId)} · 现行第${i.version}版`}>
            {i.content.secondLevel ?? i.content.firstLevel}
          </PageTitle>
          <Elements content={i.content} />
          <section aria-labelledby="history-heading">
            <h2 id="history-heading">修订记录</h2>
            <ol className="history">
              {[...(i.versions ?? [])].reverse().map((v) => (
                <li key={v.version}>
                  <strong>第{v.version}版</strong> 发布于 {formatDateTime(v.publishedAt)}
                  {v.supersededAt ? `，${formatDateTime(v.supersededAt)} 被新版本替代` : '（现行）'}
                  {v.reason ? `。修订理由：${v.reason}` : ''}
                </li>
              ))}
            </ol>
          </section>
          <p>
            <Link to={`/apply?unit=${i.unitId}`}>未找到所需信息？申请政府信息公开</Link>
          </p>
        </>
      ) : null}
    </>
  );
}

export function SearchPage() {
  const [params] = useSearchParams();
  const q = params.get('q') ?? '';
  const path = q ? `/api/catalogue/portal/search?q=${encodeURIComponent(q)}` : null;
  const items = useApi<{ hits: SearchHit[] }>(path);
  const documents = useApi<PublicDocument[] | { documents: PublicDocument[] }>(
    q ? `/api/document-attributes/public/documents?q=${encodeURIComponent(q)}` : null,
  );
  const policies = useApi<Policy[]>(q ? '/api/interpretation/portal/policies' : null);
  const units = useApi<Unit[]>('/api/catalogue/units');
  const docs = Array.isArray(documents.data) ? documents.data : (documents.data?.documents ?? []);
  const matchedPolicies = (policies.data ?? []).filter(
    (p) => p.title.includes(q) || p.interpretations.some((i) => i.materials.some((m) => m.title.includes(q) || (m.body ?? '').includes(q))),
  );
  return (
    <>
      <PageTitle lead="在公开事项、主动公开文件和政策解读中检索（中文分词）">检索</PageTitle>
      <SearchBox initial={q} />
      {!q ? <p className="muted">请输入检索词。</p> : null}
      {q ? (
        <>
          <section aria-labelledby="hits-items">
            <h2 id="hits-items">公开事项{items.data ? `（${items.data.hits.length}）` : ''}</h2>
            {items.loading ? <Loading what="检索结果" /> : null}
            <ErrorNotice error={items.error} />
            {items.data && items.data.hits.length === 0 ? <p className="muted">没有找到与“{q}”相关的公开事项。</p> : null}
            <ul className="cards">
              {(items.data?.hits ?? []).map((h) => (
                <li key={h.itemId} className="card">
                  <h3>
                    <Link to={`/items/${h.itemId}`}>{h.name}</Link>
                  </h3>
                  <p className="meta">
                    {unitName(units.data, h.unitId)} · 一级事项：{h.firstLevel} · 命中：{h.matched.join('、')}
                  </p>
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="hits-docs">
            <h2 id="hits-docs">主动公开文件（{docs.length}）</h2>
            <ErrorNotice error={documents.error} />
            <DocumentList documents={docs} units={units.data} />
          </section>
          <section aria-labelledby="hits-policies">
            <h2 id="hits-policies">政策解读（{matchedPolicies.length}）</h2>
            <ErrorNotice error={policies.error} />
            <ul className="cards">
              {matchedPolicies.map((p) => (
                <li key={p.documentId} className="card">
                  <h3>
                    <Link to={`/policies/${p.documentId}`}>{p.title}</Link>
                  </h3>
                  <p className="meta">{p.documentNumber}</p>
                </li>
              ))}
            </ul>
          </section>
        </>
      ) : null}
    </>
  );
}

function DocumentList({ documents, units }: { documents: PublicDocument[]; units: Unit[] | null }) {
  if (documents.length === 0) return <p className="muted">暂无文件。</p>;
  return (
    <ul className="cards">
      {documents.map((d) => (
        <li key={d.documentId} className="card">
          <h3>{d.title}</h3>
          <p className="meta">
            {d.documentNumber} · {d.documentType} · {unitName(units, d.unitId)} · 印发 {formatDate(d.issuedOn)}
            {d.validity && d.validity !== '现行有效' ? ` · ${d.validity}` : ''}
          </p>
          {d.marking ? <p className="marking">{d.marking}</p> : null}
          {d.publications?.map((p) => (
            <p key={p.url} className="meta">
              {p.channel} {formatDate(p.publishedOn)}：<a href={p.url}>{p.url}</a>
            </p>
          ))}
        </li>
      ))}
    </ul>
  );
}

export function DocumentsPage() {
  const documents = useApi<PublicDocument[] | { documents: PublicDocument[] }>('/api/document-attributes/public/documents');
  const units = useApi<Unit[]>('/api/catalogue/units');
  const docs = Array.isArray(documents.data) ? documents.data : (documents.data?.documents ?? []);
  return (
    <>
      <PageTitle lead="已印发并主动公开的公文，标注“此件公开发布”">主动公开文件</PageTitle>
      {documents.loading ? <Loading what="文件" /> : null}
      <ErrorNotice error={documents.error} />
      {documents.data ? <DocumentList documents={docs} units={units.data} /> : null}
    </>
  );
}

export function CleanupResultsPage() {
  const results = useApi<unknown>('/api/document-attributes/public/cleanup-results');
  const rows = (Array.isArray(results.data) ? results.data : []) as {
    campaignId?: string;
    title?: string;
    unitId?: string;
    publishedOn?: string;
    entries?: { documentId: string; title?: string; documentNumber?: string; outcome: string; note?: string | null }[];
  }[];
  const units = useApi<Unit[]>('/api/catalogue/units');
  return (
    <>
      <PageTitle lead="文件清理后公布的继续有效、失效、废止情况">文件清理结果</PageTitle>
      {results.loading ? <Loading /> : null}
      <ErrorNotice error={results.error} />
      {results.data && rows.length === 0 ? <p className="muted">暂无公布的清理结果。</p> : null}
      {rows.map((r, n) => (
        <section key={`${r.campaignId}-${r.unitId}-${n}`} className="card">
          <h2>
            {r.title ?? r.campaignId} · {r.unitId ? unitName(units.data, r.unitId) : ''}
          </h2>
          <p className="meta">公布日期：{formatDate(r.publishedOn)}</p>
          <ul>
            {(r.entries ?? []).map((e) => (
              <li key={e.documentId}>
                {e.title ?? e.documentId} {e.documentNumber ?? ''}：{e.outcome}
                {e.note ? `（${e.note}）` : ''}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

export function PoliciesPage() {
  const policies = useApi<Policy[]>('/api/interpretation/portal/policies');
  const units = useApi<Unit[]>('/api/catalogue/units');
  return (
    <>
      <PageTitle lead="谁起草、谁解读：政策文件与解读同步发布">政策文件与解读</PageTitle>
      {policies.loading ? <Loading /> : null}
      <ErrorNotice error={policies.error} />
      {policies.data && policies.data.length === 0 ? <p className="muted">暂无政策文件。</p> : null}
      <ul className="cards">
        {(policies.data ?? []).map((p) => (
          <li key={p.documentId} className="card">
            <h2 className="h3">
              <Link to={`/policies/${p.documentId}`}>{p.title}</Link>
            </h2>
            <p className="meta">
              {p.documentNumber} · {unitName(units.data, p.unitId)} · 印发 {formatDate(p.issuedOn)} ·{' '}
              {p.interpretations.length ? '已解读' : '解读待发布'}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

export function PolicyPage() {
  const { documentId = '' } = useParams();
  const policy = useApi<Policy>(`/api/interpretation/portal/policies/${encodeURIComponent(documentId)}`);
  const p = policy.data;
  return (
    <>
      <Breadcrumb
        trail={[
          ['政策文件与解读', '/policies'],
          [p?.title ?? '政策', null],
        ]}
      />
      {policy.loading ? <Loading /> : null}
      <ErrorNotice error={policy.error} />
      {p ? (
        <>
          <PageTitle lead={`${p.documentNumber} · ${p.documentType} · 印发 ${formatDate(p.issuedOn)}`}>{p.title}</PageTitle>
          {p.interpretations.length === 0 ? <p className="muted">本政策的解读尚未发布。</p> : null}
          {p.interpretations.map((i) => (
            <section key={i.publishedOn} aria-label={`解读（${i.publishedOn}）`}>
              <h2>政策解读（{formatDate(i.publishedOn)} 发布）</h2>
              {i.materials.map((m) => (
                <article key={m.materialId} className="card">
                  <h3>
                    {m.form}：{m.title}
                  </h3>
                  {m.body ? <p className="prewrap">{m.body}</p> : null}
                  {m.reference ? (
                    <p>
                      <a href={m.reference}>查看{m.form}材料</a>
                    </p>
                  ) : null}
                </article>
              ))}
            </section>
          ))}
        </>
      ) : null}
    </>
  );
}

export function NegativeListPage() {
  const list = useApi<unknown>('/api/catalogue/portal/negative-list');
  const units = useApi<Unit[]>('/api/catalogue/units');
  const rows = (Array.isArray(list.data) ? list.data : ((list.data as { entries?: unknown[] } | null)?.entries ?? [])) as {
    entryId: string;
    ownerUnitId?: string;
    matter: string;
    scope: string;
    regulationArticle: number;
    specificBasis?: { law: string; article?: string };
    lastReviewedOn?: string;
    reviewOverdue?: boolean;
  }[];
  return (
    <>
      <PageTitle lead="不予公开的事项，每项列明具体法律依据（条例第十四至十六条）">负面清单</PageTitle>
      {list.loading ? <Loading /> : null}
      <ErrorNotice error={list.error} />
      {list.data && rows.length === 0 ? <p className="muted">暂无已发布的负面清单事项。</p> : null}
      {rows.length ? (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">负面清单</caption>
            <thead>
              <tr>
                <th scope="col">事项</th>
                <th scope="col">范围</th>
                <th scope="col">依据</th>
                <th scope="col">单位</th>
                <th scope="col">最近评估</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.entryId}>
                  <td>{r.matter}</td>
                  <td>{r.scope}</td>
                  <td>
                    条例第{['十四', '十五', '十六'][r.regulationArticle - 14]}条
                    {r.specificBasis ? `；《${r.specificBasis.law}》${r.specificBasis.article ?? ''}` : ''}
                  </td>
                  <td>{r.ownerUnitId ? unitName(units.data, r.ownerUnitId) : ''}</td>
                  <td>
                    {formatDate(r.lastReviewedOn)}
                    {r.reviewOverdue ? '（超过12个月未评估）' : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}

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

interface Receipt {
  trackingCode: string;
  receivedOn: string;
  dueOn: string;
  dueOnProvisional: boolean;
  notice: string;
}

export function ApplyPage() {
  const [params] = useSearchParams();
  const units = useApi<Unit[]>('/api/catalogue/units');
  const [form, update, clear] = useDraft<RequestForm>('request', { ...EMPTY_REQUEST, unitId: params.get('unit') ?? '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const opt = (v: string) => (v.trim() ? v.trim() : undefined);
    try {
      const result = await api<Receipt>('/api/requests/public', {
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
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'ERROR', String(e)));
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"], .notice-error')?.focus());
    } finally {
      setBusy(false);
    }
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

interface Tracking {
  status: string;
  statusLabel: string;
  receivedOn: string;
  dueOn: string | null;
  dueOnProvisional: boolean;
  remainingWorkingDays: number | null;
  paused: boolean;
  correctionDueOn?: string;
  feeAmountYuan?: number;
  feePayByOn?: string;
  result: string | null;
  closedOn: string | null;
}

export function TrackPage() {
  const [params, setParams] = useSearchParams();
  const [code, setCode] = useState(params.get('code') ?? '');
  const current = params.get('code');
  const result = useApi<Tracking>(current ? `/api/requests/track/${encodeURIComponent(current)}` : null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (code.trim()) setParams({ code: code.trim() });
  };
  const t = result.data;
  return (
    <>
      <PageTitle lead="凭提交申请时获得的查询码查询办理进度">查询申请进度</PageTitle>
      <form onSubmit={submit} className="form inline-form">
        <Field label="查询码" name="code" error={current ? result.error : null} apiField="code">
          {(p) => <input {...p} value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" />}
        </Field>
        <button type="submit" className="primary">
          查询
        </button>
      </form>
      {result.loading ? <Loading what="办理进度" /> : null}
      <ErrorNotice error={result.error} />
      {t ? (
        <section className="card" aria-labelledby="track-heading" aria-live="polite">
          <h2 id="track-heading">
            办理状态：<span data-testid="track-status">{t.statusLabel}</span>
          </h2>
          <dl className="kv-list">
            <dt>收到申请日期</dt>
            <dd>{t.receivedOn}</dd>
            {t.dueOn ? (
              <>
                <dt>答复期限</dt>
                <dd>
                  {t.dueOn}（剩余 {t.remainingWorkingDays} 个工作日）
                  {t.paused ? (
                    <p className="hint" data-testid="track-paused">
                      计时暂停：征求第三方或有关机关意见等所需时间不计算在答复期限内，答复期限相应顺延。
                    </p>
                  ) : null}
                  {t.dueOnProvisional ? <p className="hint">{PROVISIONAL_DUE_NOTE}</p> : null}
                </dd>
              </>
            ) : null}
            {t.correctionDueOn ? (
              <>
                <dt>补正期限</dt>
                <dd>{t.correctionDueOn}</dd>
              </>
            ) : null}
            {t.feeAmountYuan ? (
              <>
                <dt>应缴信息处理费</dt>
                <dd>
                  {t.feeAmountYuan} 元（{t.feePayByOn ? `请于 ${t.feePayByOn} 前缴纳` : '请自收到收费通知之日起20个工作日内缴纳'}
                  ，逾期未缴纳的视为放弃申请）
                </dd>
              </>
            ) : null}
            {t.result ? (
              <>
                <dt>答复结果</dt>
                <dd>{t.result}</dd>
              </>
            ) : null}
            {t.closedOn ? (
              <>
                <dt>办结日期</dt>
                <dd>{t.closedOn}</dd>
              </>
            ) : null}
          </dl>
        </section>
      ) : null}
    </>
  );
}

export function ConsultationsPage() {
  const list = useApi<Consultation[]>('/api/interpretation/consultations');
  const units = useApi<Unit[]>('/api/catalogue/units');
  return (
    <>
      <PageTitle lead="重大行政决策草案一般征求意见不少于30日，规范性文件不少于7个工作日">意见征集</PageTitle>
      {list.loading ? <Loading /> : null}
      <ErrorNotice error={list.error} />
      {list.data && list.data.length === 0 ? <p className="muted">目前没有征求意见的草案。</p> : null}
      <ul className="cards">
        {(list.data ?? []).map((c) => (
          <li key={c.consultationId} className="card">
            <h2 className="h3">
              <Link to={`/consultations/${c.consultationId}`}>{c.title}</Link>
            </h2>
            <p className="meta">
              {unitName(units.data, c.unitId)} · 征求意见期 {c.opensOn} 至 {c.closesOn} ·{' '}
              {c.adoption ? '已公布采纳情况' : `已收到意见 ${c.commentCount} 条`}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

export function ConsultationPage() {
  const { consultationId = '' } = useParams();
  const c = useApi<Consultation>(`/api/interpretation/consultations/${encodeURIComponent(consultationId)}`);
  const [form, update, clear] = useDraft(`comment.${consultationId}`, { content: '', commenterName: '', contact: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const result = await api<{ message: string }>(`/api/interpretation/consultations/${encodeURIComponent(consultationId)}/comments`, {
        method: 'POST',
        token: null,
        body: { content: form.content, commenterName: form.commenterName.trim() || undefined, contact: form.contact.trim() || undefined },
      });
      setDone(result.message);
      clear();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'ERROR', String(e)));
    }
  };
  const v = c.data;
  const today = shanghaiToday();
  return (
    <>
      <Breadcrumb
        trail={[
          ['意见征集', '/consultations'],
          [v?.title ?? '草案', null],
        ]}
      />
      {c.loading ? <Loading /> : null}
      <ErrorNotice error={c.error} />
      {v ? (
        <>
          <PageTitle lead={`征求意见期 ${v.opensOn} 至 ${v.closesOn} · 依据：${v.legalBasis}`}>{v.title}</PageTitle>
          <section aria-labelledby="draft-heading">
            <h2 id="draft-heading">草案全文</h2>
            <div className="prewrap card">{v.draft}</div>
          </section>
          {v.adoption ? (
            <section aria-labelledby="adoption-heading">
              <h2 id="adoption-heading">意见采纳情况（{v.adoption.publishedOn} 公布）</h2>
              <p>
                收到意见 {v.adoption.commentsReceived} 条：采纳 {v.adoption.adopted} 条，部分采纳 {v.adoption.partlyAdopted} 条，未采纳{' '}
                {v.adoption.notAdopted} 条。
              </p>
              <p className="prewrap">{v.adoption.summary}</p>
            </section>
          ) : null}
          <section aria-labelledby="comments-heading">
            <h2 id="comments-heading">已公开的意见（{v.comments.length}）</h2>
            <ul className="cards">
              {v.comments.map((m) => (
                <li key={m.commentId} className="card">
                  <p className="meta">
                    {m.commenter ?? '匿名'} · {m.submittedOn}
                  </p>
                  <p>{m.content}</p>
                </li>
              ))}
            </ul>
          </section>
          {today <= v.closesOn && today >= v.opensOn ? (
            <section aria-labelledby="comment-form-heading">
              <h2 id="comment-form-heading">提交意见</h2>
              {done ? <Notice kind="success">{done}</Notice> : null}
              <ErrorNotice error={error} title="提交未成功，您填写的内容已保留" />
              <form onSubmit={submit} noValidate className="form">
                <Field label="意见内容" name="content" error={error} required hint="经审核后公开，个人信息不公开">
                  {(p) => <textarea {...p} rows={5} value={form.content} onChange={(e) => update({ content: e.target.value })} />}
                </Field>
                <Field label="姓名（选填）" name="commenterName" error={error}>
                  {(p) => <input {...p} value={form.commenterName} onChange={(e) => update({ commenterName: e.target.value })} />}
                </Field>
                <Field label="联系方式（选填，不公开）" name="contact" error={error}>
                  {(p) => <input {...p} value={form.contact} onChange={(e) => update({ contact: e.target.value })} />}
                </Field>
                <button type="submit" className="primary">
                  提交意见
                </button>
              </form>
            </section>
          ) : (
            <p className="muted">{today < v.opensOn ? '征求意见尚未开始。' : '征求意见已截止。'}</p>
          )}
        </>
      ) : null}
    </>
  );
}

export function OpenDaysPage() {
  const days =
    useApi<{ openDayId: string; unitId: string; title: string; heldOn: string; capacity: number; remaining: number; status: string }[]>(
      '/api/interpretation/open-days',
    );
  const units = useApi<Unit[]>('/api/catalogue/units');
  return (
    <>
      <PageTitle lead="走进政府机关，了解政策制定和执行，面对面交流">政府开放日</PageTitle>
      {days.loading ? <Loading what="开放日活动" /> : null}
      <ErrorNotice error={days.error} />
      {days.data && days.data.length === 0 ? <p className="muted">暂无开放日活动。</p> : null}
      <ul className="cards">
        {(days.data ?? []).map((d) => (
          <li key={d.openDayId} className="card">
            <h2 className="h3">
              <Link to={`/open-days/${encodeURIComponent(d.openDayId)}`}>{d.title}</Link>
            </h2>
            <p className="meta">
              {unitName(units.data, d.unitId)} · {d.heldOn} · {OPEN_DAY_STATUS_LABELS[d.status] ?? d.status}
              {d.status === 'upcoming' ? `（剩余名额 ${d.remaining}）` : ''}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

export function OpenDayPage() {
  const { openDayId = '' } = useParams();
  const day = useApi<{
    title: string;
    description: string;
    heldOn: string;
    capacity: number;
    remaining: number;
    status: string;
    summary: { summary?: string } | null;
  }>(`/api/interpretation/open-days/${encodeURIComponent(openDayId)}`);
  const [form, update, clear] = useDraft(`openday.${openDayId}`, { name: '', contact: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await api(`/api/interpretation/open-days/${encodeURIComponent(openDayId)}/registrations`, {
        method: 'POST',
        token: null,
        body: form,
      });
      setDone(true);
      clear();
      day.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'ERROR', String(e)));
    }
  };
  const d = day.data;
  return (
    <>
      {day.loading ? <Loading /> : null}
      <ErrorNotice error={day.error} />
      {d ? (
        <>
          <PageTitle lead={`活动日期 ${d.heldOn} · 名额 ${d.capacity}，剩余 ${d.remaining}`}>{d.title}</PageTitle>
          <p className="prewrap">{d.description}</p>
          {d.summary?.summary ? (
            <section>
              <h2>活动总结</h2>
              <p className="prewrap">{d.summary.summary}</p>
            </section>
          ) : null}
          {done ? <Notice kind="success">报名成功。</Notice> : null}
          {d.status !== 'upcoming' ? (
            <p className="muted">报名已截止。</p>
          ) : d.remaining === 0 && !done ? (
            <p className="muted">名额已满。</p>
          ) : (
            <>
              <ErrorNotice error={error} title="报名未成功，您填写的内容已保留" />
              <form onSubmit={submit} noValidate className="form">
                <Field label="姓名" name="name" error={error} required>
                  {(p) => <input {...p} value={form.name} onChange={(e) => update({ name: e.target.value })} />}
                </Field>
                <Field label="联系方式" name="contact" error={error} required>
                  {(p) => <input {...p} value={form.contact} onChange={(e) => update({ contact: e.target.value })} />}
                </Field>
                <button type="submit" className="primary">
                  报名
                </button>
              </form>
            </>
          )}
        </>
      ) : null}
    </>
  );
}

export function Breadcrumb({ trail }: { trail: [string, string | null][] }) {
  return (
    <nav aria-label="当前位置" className="breadcrumb">
      <ol>
        <li>
          <Link to="/">首页</Link>
        </li>
        {trail.map(([label, to]) => (
          <li key={label}>{to ? <Link to={to}>{label}</Link> : <span aria-current="page">{label}</span>}</li>
        ))}
      </ol>
    </nav>
  );
}
