import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { MatchDecisionResult, MatchProposalsView, StaffItemView, UnitCoverageView } from '@gongkai/contracts/vocabulary';
import { api, type ApiError } from '../../api';
import { asError, ErrorNotice, Loading, Notice, useApi } from '../../ui';

/** A unit's coverage of the guideline per domain (the guideline items with no catalogue item) and the proposed matches of its items. */

const itemName = (item: StaffItemView | undefined) => item?.content.secondLevel || item?.content.firstLevel || '（未命名事项）';
const percentText = (percent: number | null) => (percent === null ? '无应覆盖的指引事项' : `${percent}%`);

export function CoveragePanel({ unitId, items }: { unitId: string; items: StaffItemView[] }) {
  const base = `/api/catalogue/units/${encodeURIComponent(unitId)}/coverage`;
  const coverage = useApi<UnitCoverageView>(base);
  const proposals = useApi<MatchProposalsView>(`${base}/proposals`);
  const byId = new Map(items.map((i) => [i.itemId, i]));
  const withCandidates = (proposals.data?.proposals ?? []).filter((p) => p.candidates.length > 0);
  const without = (proposals.data?.proposals.length ?? 0) - withCandidates.length;
  const [busy, setBusy] = useState<string | null>(null);
  const [decided, setDecided] = useState<string | null>(null);
  const [failed, setFailed] = useState<ApiError | null>(null);

  /** Records the officer's decision, then waits until the proposals (read model) show it, and reloads coverage. */
  const decide = async (itemId: string, code: string, decision: 'confirm' | 'reject') => {
    setBusy(`${itemId} ${code}`);
    setFailed(null);
    setDecided(null);
    try {
      await api<MatchDecisionResult>(`${base}/matches/${decision}`, { method: 'POST', body: { itemId, guidelineItemCode: code } });
      for (let attempt = 0; attempt < 40; attempt += 1) {
        const view = await proposals.refetch();
        const proposal = view?.proposals.find((p) => p.itemId === itemId);
        if (!proposal || !proposal.candidates.some((c) => c.code === code)) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      coverage.reload();
      setDecided(decision === 'confirm' ? '已确认对应，覆盖情况已更新。' : '已否决该对应建议，不再建议。');
    } catch (error) {
      setFailed(asError(error));
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      <section className="card" aria-labelledby="coverage-heading">
        <h2 id="coverage-heading">各领域覆盖情况</h2>
        <p className="hint">
          按已发布、且已对应到标准指引事项（经确认，或事项本身填写的指引事项编码且未被否决）的事项计算；草稿和尚未对应的事项不计入覆盖。标有“示例”的领域，其标准指引为示例数据，尚无出处。
        </p>
        <ErrorNotice error={coverage.error} />
        {coverage.loading && !coverage.data ? <Loading what="覆盖情况" /> : null}
        {coverage.data ? (
          <div className="table-scroll" role="region" aria-label="各领域覆盖情况" tabIndex={0}>
            <table data-testid="coverage-domains">
              <thead>
                <tr>
                  <th scope="col">领域</th>
                  <th scope="col">应覆盖</th>
                  <th scope="col">已覆盖</th>
                  <th scope="col">覆盖率</th>
                  <th scope="col">尚无目录事项的指引事项</th>
                </tr>
              </thead>
              <tbody>
                {coverage.data.domains.map((d) => (
                  <tr key={d.domainCode}>
                    <th scope="row">
                      {d.domainName}
                      {d.sample ? (
                        <>
                          {' '}
                          <span className="badge" title="该领域的标准指引为示例数据，非摘自公布的标准目录">
                            示例
                          </span>
                        </>
                      ) : null}
                    </th>
                    <td className="num">{d.expected}</td>
                    <td className="num">{d.covered.length}</td>
                    <td className="nowrap">{percentText(d.percent)}</td>
                    <td>
                      {d.missing.length === 0 ? (
                        <span className="muted">无</span>
                      ) : (
                        <ul className="plain-list">
                          {d.missing.map((g) => (
                            <li key={g.code}>
                              {g.firstLevel}—{g.secondLevel}
                              {g.source ? (
                                <>
                                  {' '}
                                  <a className="muted" href={g.source.url} target="_blank" rel="noreferrer">
                                    出处：{g.source.title}
                                  </a>
                                </>
                              ) : null}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <section className="card" aria-labelledby="proposals-heading">
        <h2 id="proposals-heading">指引事项对应建议</h2>
        <p className="hint">
          系统按事项名称和公开内容的词语相似度（含“低保”“最低生活保障”等同义词）提出建议，仅供参考。确认后该对应计入覆盖率和里程碑；否决后不再建议该对应。
        </p>
        <ErrorNotice error={proposals.error} />
        <ErrorNotice error={failed} />
        {decided ? <Notice kind="success">{decided}</Notice> : null}
        {proposals.loading && !proposals.data ? <Loading what="对应建议" /> : null}
        {proposals.data && withCandidates.length === 0 ? <p className="muted">没有可建议对应的事项。</p> : null}
        <ul className="cards proposals" data-testid="match-proposals">
          {withCandidates.map((p) => (
            <li key={p.itemId} className="card">
              <h3>
                <Link to={`/console/catalogue/items/${p.itemId}`}>{itemName(byId.get(p.itemId))}</Link>
              </h3>
              <ol className="candidates">
                {p.candidates.map((c) => (
                  <li key={c.code}>
                    <span>
                      {c.firstLevel}—{c.secondLevel}
                    </span>{' '}
                    <span className="muted">
                      相似度 {Math.round(c.score * 100)}%{c.shared.length > 0 ? `，共同词语：${c.shared.join('、')}` : ''}
                    </span>{' '}
                    {p.proposed === c.code ? <span className="badge badge-ok">建议对应</span> : null}{' '}
                    <button
                      type="button"
                      className="primary"
                      disabled={busy !== null}
                      onClick={() => void decide(p.itemId, c.code, 'confirm')}
                      aria-label={`确认对应：${itemName(byId.get(p.itemId))} 对应 ${c.firstLevel}—${c.secondLevel}`}
                    >
                      确认对应
                    </button>{' '}
                    <button
                      type="button"

                      disabled={busy !== null}
                      onClick={() => void decide(p.itemId, c.code, 'reject')}
                      aria-label={`否决对应：${itemName(byId.get(p.itemId))} 对应 ${c.firstLevel}—${c.secondLevel}`}
                    >
                      否决
                    </button>
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ul>
        {without > 0 ? <p className="muted">另有 {without} 条事项在同领域、同层级的指引中没有相近的指引事项。</p> : null}
      </section>
    </>
  );
}
