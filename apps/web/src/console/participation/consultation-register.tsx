import { Link } from 'react-router-dom';
import type { PublicConsultationView, UnitListView } from '@gongkai/contracts/vocabulary';
import type { Session } from '../../api';
import {
  PUBLIC_CONSULTATION_KIND_LABELS,
  RegisterChoices,
  RegisterFilters,
  RegisterInputs,
  RegisterResult,
  RegisterSelects,
  RegisterSort,
  RegisterTextBox,
  RegisterUnitFilter,
  seesDistrict,
  unitName,
  useServerList,
} from '../../ui';

const STAGE_LABELS: [string, string][] = [
  ['upcoming', '未开始'],
  ['open', '征求意见中'],
  ['adoption_due', '已截止，采纳情况待公布'],
  ['adoption_published', '已公布采纳情况'],
];
const SORT_OPTIONS: [string, string][] = [
  ['-opensOn', '开始日期（新→旧）'],
  ['opensOn', '开始日期（旧→新）'],
  ['closesOn', '截止日期（近→远）'],
  ['-closesOn', '截止日期（远→近）'],
];
const DATES: [string, string, 'date'][] = [
  ['opensFrom', '开始日期自', 'date'],
  ['opensTo', '开始日期至', 'date'],
  ['closesFrom', '截止日期自', 'date'],
  ['closesTo', '截止日期至', 'date'],
];
const PAGE_SIZE = 20;

/** The consultations of the unit (the district's for its readers): filters, text, sorting, server pages, export (征求意见台账). */
export function ConsultationRegister({ session, units }: { session: Session; units: UnitListView[] | null }) {
  const list = useServerList<PublicConsultationView>({
    endpoint: '/api/interpretation/consultations',
    exportEndpoint: '/api/interpretation/consultations/export.xlsx',
    keys: ['unitId', 'stage', 'kind', 'opensFrom', 'opensTo', 'closesFrom', 'closesTo', 'q', 'sort'],
    multi: ['flag'],
    defaults: { sort: '-opensOn', ...(session.unitId && !seesDistrict(session) ? { unitId: session.unitId } : {}) },
    pageSize: PAGE_SIZE,
  });
  return (
    <>
      <RegisterFilters list={list} label="筛选征求意见" exportLabel="导出征求意见台账（Excel）" what="征求意见">
        <div className="row">
          <RegisterTextBox list={list} id="consultations-q" placeholder="标题或草案内容" />
          <RegisterUnitFilter list={list} session={session} units={units} />
          <RegisterSelects
            list={list}
            fields={[
              ['stage', '状态', STAGE_LABELS],
              ['kind', '类别', Object.entries(PUBLIC_CONSULTATION_KIND_LABELS) as [string, string][]],
            ]}
          />
        </div>
        <RegisterChoices list={list} name="flag" legend="需关注" options={[['moderation_pending', '有待审核的意见']]} />
        <div className="row">
          <RegisterInputs list={list} prefix="consultations" fields={DATES} />
          <RegisterSort list={list} options={SORT_OPTIONS} />
        </div>
      </RegisterFilters>
      <RegisterResult list={list} unit="件" testId="consultations-total" empty="没有符合条件的征求意见。">
        <ul className="cards">
          {(list.result?.rows ?? []).map((c) => (
            <li key={c.consultationId} className="card">
              <h3>
                <Link to={`/console/consultations/${encodeURIComponent(c.consultationId)}`}>{c.title}</Link>
              </h3>
              <p className="meta">
                {unitName(units, c.unitId)} · {PUBLIC_CONSULTATION_KIND_LABELS[c.kind] ?? c.kind} · {c.opensOn} 至 {c.closesOn} · 收到意见{' '}
                {c.commentCount} 条
              </p>
            </li>
          ))}
        </ul>
      </RegisterResult>
    </>
  );
}
