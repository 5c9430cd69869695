import { Link } from 'react-router-dom';
import type { DomainView, StaffItemView } from '@gongkai/contracts/vocabulary';
import {
  formatDateTime,
  RegisterChoices,
  RegisterFilters,
  RegisterInputs,
  RegisterResult,
  RegisterSelects,
  RegisterSort,
  RegisterTextBox,
  useServerList,
} from '../../ui';

const STATUS_OPTIONS: [string, string][] = [
  ['draft', '草稿'],
  ['published', '已发布'],
  ['withdrawn', '已撤回'],
];
const FLAG_LABELS: [string, string][] = [
  ['returned', '被退回修改'],
  ['legal_basis_missing', '未写明依据'],
];
const SORT_OPTIONS: [string, string][] = [
  ['catalogue', '目录顺序'],
  ['-updatedAt', '更新时间（新→旧）'],
  ['updatedAt', '更新时间（旧→新）'],
  ['firstLevel', '一级事项名称'],
];
export function StatusBadge({ item }: { item: Pick<StaffItemView, 'status' | 'correction'> }) {
  if (item.status === 'withdrawn') return <span className="badge">已撤回</span>;
  if (item.correction) return <span className="badge badge-danger">退回修改</span>;
  if (item.status === 'published') return <span className="badge badge-ok">已发布</span>;
  return <span className="badge badge-warn">草稿</span>;
}

const PAGE_SIZE = 20;

/** A unit's catalogue items for its staff: filters, text, sorting, server pages and the export (.xlsx) of exactly the filtered items. */
export function ItemRegister({ base, domains }: { base: string; domains: DomainView[] | null }) {
  const list = useServerList<StaffItemView>({
    endpoint: `${base}/items`,
    exportEndpoint: `${base}/items/export`,
    keys: ['status', 'domainCode', 'updatedFrom', 'updatedTo', 'q', 'sort'],
    multi: ['flag'],
    defaults: { sort: 'catalogue' },
    pageSize: PAGE_SIZE,
  });
  const domainName = (code: string) => domains?.find((d) => d.code === code)?.name ?? code;
  return (
    <>
      <RegisterFilters list={list} label="筛选事项" exportLabel="导出筛选结果（Excel）" what="事项">
        <div className="row">
          <RegisterTextBox list={list} id="items-q" placeholder="事项名称、内容或主体" />
          <RegisterSelects
            list={list}
            fields={[
              ['status', '状态', STATUS_OPTIONS],
              ['domainCode', '领域', (domains ?? []).map((d) => [d.code, d.name] as const)],
            ]}
          />
        </div>
        <RegisterChoices list={list} name="flag" legend="需关注" options={FLAG_LABELS} />
        <div className="row">
          <RegisterInputs
            list={list}
            prefix="items"
            fields={[
              ['updatedFrom', '更新日期自', 'date'],
              ['updatedTo', '更新日期至', 'date'],
            ]}
          />
          <RegisterSort list={list} options={SORT_OPTIONS} />
        </div>
      </RegisterFilters>
      <RegisterResult list={list} unit="项" testId="items-total" empty="没有符合条件的事项：可以新增，或通过“电子表格导入”导入。">
        <ul className="cards" data-testid="catalogue-items">
          {(list.result?.rows ?? []).map((i) => (
            <li key={i.itemId} className="card">
              <h3>
                <Link to={`/console/catalogue/items/${i.itemId}`}>{i.content.secondLevel || i.content.firstLevel || '（未命名事项）'}</Link>
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
      </RegisterResult>
    </>
  );
}
