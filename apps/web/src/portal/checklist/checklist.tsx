import { Link } from 'react-router-dom';
import { CHECKLIST_TARGET_KIND_LABELS, type UnitChecklistView } from '@gongkai/contracts/vocabulary';
import { useApi } from '../../ui';

/**
 * A unit's 主动公开 overview on its portal page: the statutory categories of Arts. 20–21 that apply to
 * it, each with the published items and documents that satisfy it.
 */
export function UnitChecklistSection({ unitId }: { unitId: string }) {
  const checklist = useApi<UnitChecklistView>(`/api/catalogue/portal/units/${encodeURIComponent(unitId)}/checklist`);
  if (!checklist.data) return null;
  return (
    <section className="card" aria-labelledby="checklist-heading" id="checklist" data-testid="portal-checklist">
      <h2 id="checklist-heading">主动公开清单</h2>
      <p className="meta">
        依据《中华人民共和国政府信息公开条例》第二十条、第二十一条，本单位应主动公开以下类别的政府信息；已有内容 {checklist.data.covered}/
        {checklist.data.counted} 类。
      </p>
      <table className="wide">
        <caption>法定主动公开类别及已公开的内容</caption>
        <thead>
          <tr>
            <th scope="col">类别</th>
            <th scope="col">已公开的内容</th>
          </tr>
        </thead>
        <tbody>
          {checklist.data.categories.map((c) => (
            <tr key={c.code}>
              <th scope="row">
                {c.text}
                <br />
                <small className="muted">{c.citation}</small>
              </th>
              <td>
                {c.links.length ? (
                  <ul className="plain-list">
                    {c.links.map((l) => (
                      <li key={`${l.targetKind}-${l.targetId}`}>
                        {CHECKLIST_TARGET_KIND_LABELS[l.targetKind]}：<Link to={l.href}>{l.title}</Link>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="muted">暂无</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
