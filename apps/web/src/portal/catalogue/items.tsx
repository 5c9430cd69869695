import { UnitChecklistSection } from '../checklist/checklist';
import { UnitGuideSection } from '../guides/guide';
import { Link, useParams } from 'react-router-dom';
import type { DomainView, ItemContentView, PublicItemListView, UnitListView } from '@gongkai/contracts/vocabulary';
import { Breadcrumb, ErrorNotice, formatDateTime, Loading, PageTitle, UNIT_KIND_LABELS, unitName, useApi } from '../../ui';

function ItemList({ items, units }: { items: PublicItemListView[]; units: UnitListView[] | null }) {
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
  const data = useApi<{ unit: UnitListView; items: PublicItemListView[] }>(
    `/api/catalogue/portal/units/${encodeURIComponent(unitId)}/items`,
  );
  const units = useApi<UnitListView[]>('/api/catalogue/units');
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
          <Link to={`/apply?unit=${unit.unitId}`}>向{unit.name}申请政府信息公开</Link> ·{' '}
          <Link to={`/subscribe?unit=${unit.unitId}`}>订阅本单位新发布的信息</Link> ·{' '}
          <a href={`/api/catalogue/feeds/units/${encodeURIComponent(unit.unitId)}`}>Atom 订阅源</a>
        </p>
      ) : null}
      {unit ? <UnitChecklistSection unitId={unit.unitId} /> : null}
      {unit ? <UnitGuideSection unitId={unit.unitId} /> : null}
    </>
  );
}

export function DomainCatalogue() {
  const { code = '' } = useParams();
  const data = useApi<{ domain: DomainView; items: PublicItemListView[] }>(
    `/api/catalogue/portal/domains/${encodeURIComponent(code)}/items`,
  );
  const units = useApi<UnitListView[]>('/api/catalogue/units');
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
      {data.data ? (
        <p>
          <Link to={`/subscribe?domain=${encodeURIComponent(code)}`}>订阅本领域新发布的信息</Link> ·{' '}
          <a href={`/api/catalogue/feeds/domains/${encodeURIComponent(code)}`}>Atom 订阅源</a>
        </p>
      ) : null}
    </>
  );
}

function Elements({ content }: { content: ItemContentView }) {
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
  const item = useApi<PublicItemListView>(`/api/catalogue/portal/items/${encodeURIComponent(itemId)}`);
  const units = useApi<UnitListView[]>('/api/catalogue/units');
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
