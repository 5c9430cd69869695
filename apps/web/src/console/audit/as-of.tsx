import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { RecordVerification } from '@gongkai/contracts/vocabulary';
import { loadSession } from '../../api';
import { actsDistrictWide, ErrorNotice, Field, formatDateTime, Loading, PageTitle, shanghaiLocal, useApi, useForm } from '../../ui';

interface ReadModelInfo {
  name: string;
  collections: string[];
  eventTypes: string[];
}
interface AsOfResult {
  readModel: string;
  at: string;
  replay: { projection: string; replayed: number; applied: number; later: number };
  inMemory: boolean;
  documents: Record<string, Record<string, unknown>[]>;
}
interface Anchor {
  revision: number;
  recordedAt: string;
  root: string;
  position: number;
  text: string;
}

const PAGE = 50;
const show = (value: unknown) =>
  value === null || value === undefined ? '—' : typeof value === 'object' ? JSON.stringify(value, null, 2) : String(value);

function DocumentCard({ doc }: { doc: Record<string, unknown> }) {
  const entries = Object.entries(doc).filter(([k]) => k !== '_id');
  return (
    <li className="card">
      <h4 className="hash">{String(doc._id ?? '')}</h4>
      <table className="kv asof-doc">
        <tbody>
          {entries.map(([key, value]) => (
            <tr key={key}>
              <th scope="row">{key}</th>
              <td>{value !== null && typeof value === 'object' ? <pre className="json">{show(value)}</pre> : show(value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </li>
  );
}

/** The auditor's time travel: a read model rebuilt from the events recorded up to a moment. */
export function AuditAsOf() {
  const [params, setParams] = useSearchParams();
  const model = params.get('model') ?? '';
  const at = params.get('at') ?? '';
  const filter = params.get('q') ?? '';
  const models = useApi<ReadModelInfo[]>('/api/audit/read-models');
  const [form, setForm] = useState({ model, at: at || shanghaiLocal(new Date()), q: filter });
  const result = useApi<AsOfResult>(
    model && at ? `/api/audit/read-models/${encodeURIComponent(model)}/as-of?at=${encodeURIComponent(`${at}+08:00`)}` : null,
  );
  const verify = useApi<RecordVerification>('/api/audit/verify');
  // Newest first: the first row of the first page is the latest anchor.
  const anchors = useApi<Anchor[]>('/api/audit/anchors?pageSize=1');
  const latest = anchors.data?.[0] ?? null;
  const mayAnchor = actsDistrictWide(loadSession());
  const anchorNow = useForm(
    null,
    {},
    {
      onDone: () => {
        anchors.reload();
        verify.reload();
      },
    },
  );
  const needle = filter.trim().toLowerCase();
  return (
    <>
      <PageTitle lead="按事件存储中截至某一时刻的记录重放读模型，查看当时系统显示的内容（北京时间）">时间回溯</PageTitle>
      <p>
        <Link to="/console/audit">返回决定记录时间线</Link>
      </p>
      <form
        className="form card"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (form.model && form.at)
            setParams({
              model: form.model,
              at: form.at.length === 16 ? `${form.at}:00` : form.at,
              ...(form.q.trim() ? { q: form.q.trim() } : {}),
            });
        }}
      >
        <div className="row">
          <Field label="读模型" name="model" error={null} required>
            {(p) => (
              <select {...p} value={form.model} onChange={(e) => setForm({ ...form, model: e.target.value })}>
                <option value="">请选择</option>
                {(models.data ?? []).map((m) => (
                  <option key={m.name} value={m.name}>
                    {m.name}（{m.collections.join('、')}）
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="时刻（北京时间）" name="at" error={null} required>
            {(p) => (
              <input {...p} type="datetime-local" step={1} value={form.at} onChange={(e) => setForm({ ...form, at: e.target.value })} />
            )}
          </Field>
        </div>
        <Field label="筛选（编号或内容包含）" name="q" error={null}>
          {(p) => <input {...p} value={form.q} onChange={(e) => setForm({ ...form, q: e.target.value })} />}
        </Field>
        <button type="submit" className="primary">
          回溯查看
        </button>
      </form>
      <ErrorNotice error={models.error} />

      <section aria-labelledby="asof-heading">
        <h2 id="asof-heading">{model && at ? `${model} 截至 ${at.replace('T', ' ')}` : '回溯结果'}</h2>
        {!model || !at ? <p className="muted">请选择读模型和时刻。</p> : null}
        {result.loading ? <Loading what="回溯结果（重放事件）" /> : null}
        <ErrorNotice error={result.error} title="回溯未成功" />
        {result.data ? (
          <div data-testid="as-of">
            <p className="meta" data-testid="replay-report">
              重放截至 {formatDateTime(result.data.at)} 的 {result.data.replay.applied} 个事件；此后记录的 {result.data.replay.later}{' '}
              个事件未计入。
            </p>
            {Object.entries(result.data.documents).map(([collection, docs]) => {
              const shown = needle ? docs.filter((d) => JSON.stringify(d).toLowerCase().includes(needle)) : docs;
              return (
                <section key={collection} aria-label={`集合 ${collection}`}>
                  <h3>
                    集合 {collection}：{shown.length} 条{needle ? `（共 ${docs.length} 条，已筛选）` : ''}
                  </h3>
                  {shown.length === 0 ? <p className="muted">当时没有符合条件的内容。</p> : null}
                  <ul className="cards">
                    {shown.slice(0, PAGE).map((d, n) => (
                      <DocumentCard key={String(d._id ?? n)} doc={d} />
                    ))}
                  </ul>
                  {shown.length > PAGE ? <p className="muted">仅显示前 {PAGE} 条，请用筛选缩小范围。</p> : null}
                </section>
              );
            })}
          </div>
        ) : null}
      </section>

      <section className="card" aria-labelledby="verify-heading">
        <h2 id="verify-heading">完整性校验</h2>
        {verify.loading ? <Loading what="校验结果" /> : null}
        <ErrorNotice error={verify.error} />
        {verify.data ? (
          <p data-testid="verify-result">
            {verify.data.ok
              ? verify.data.anchors.anchors
                ? '哈希链完整，与锚点一致，未发现篡改。'
                : '哈希链完整，未发现篡改（尚无锚点可比对）。'
              : '发现哈希链断裂或与锚点不一致，请查看决定记录。'}
            （{verify.data.chains.streams} 个事件流，{verify.data.chains.events} 个事件；
            {verify.data.anchors.anchors} 个锚点，{verify.data.anchors.unanchoredEvents} 个事件尚未被锚点覆盖）
          </p>
        ) : null}
        <h3>最新锚点</h3>
        <ErrorNotice error={anchors.error} />
        {anchors.data && !latest ? <p className="muted">尚无锚点（系统按设定的间隔自动记录）。</p> : null}
        {latest ? (
          <pre className="json" data-testid="anchor-text">
            {latest.text}
          </pre>
        ) : null}
        {mayAnchor ? (
          <>
            {anchorNow.feedback('未能记录锚点')}
            <button
              type="button"
              onClick={() =>
                void anchorNow.run('/api/audit/anchors', 'POST', undefined, '已记录锚点：请将上面的锚点文本另行存档（如打印、报送上级）。')
              }
            >
              立即记录锚点
            </button>
          </>
        ) : null}
      </section>
    </>
  );
}
