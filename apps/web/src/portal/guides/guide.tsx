import type { UnitGuideView } from '@gongkai/contracts/vocabulary';
import { useApi } from '../../ui';

const ROWS: [keyof UnitGuideView['content'], string][] = [
  ['office', '政府信息公开工作机构'],
  ['address', '办公地址'],
  ['hours', '办公时间'],
  ['phone', '联系电话'],
  ['channels', '申请渠道'],
  ['howToApply', '申请方式和程序'],
  ['fees', '收费'],
  ['remedies', '救济途径'],
  ['proactive', '主动公开的内容和方式'],
];

/** A unit's 政府信息公开指南 (Art. 12) on its portal page, with the application form to download. */
export function UnitGuideSection({ unitId }: { unitId: string }) {
  const guide = useApi<UnitGuideView>(`/api/catalogue/portal/units/${encodeURIComponent(unitId)}/guide`);
  const form = `/api/catalogue/portal/units/${encodeURIComponent(unitId)}/application-form`;
  return (
    <section className="card" aria-labelledby="guide-heading" id="guide">
      <h2 id="guide-heading">政府信息公开指南</h2>
      {guide.error?.status === 404 ? <p className="muted">本单位尚未发布政府信息公开指南。</p> : null}
      {guide.data ? (
        <>
          <p className="meta">
            第{guide.data.version}版，发布于 {guide.data.publishedOn}
          </p>
          <dl className="kv-list">
            {ROWS.filter(([key]) => guide.data?.content[key]).flatMap(([key, label]) => [
              <dt key={`${key}-label`}>{label}</dt>,
              <dd key={key} className="pre-line">
                {guide.data?.content[key]}
              </dd>,
            ])}
          </dl>
        </>
      ) : null}
      <p>
        <a href={form} download>
          下载《政府信息公开申请表》（.docx）
        </a>
      </p>
    </section>
  );
}
