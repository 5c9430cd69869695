/** The assessment (考核) screens: ranking, a unit's breakdown, one indicator's explanation, a unit's live score, schemes. */

import { useSearchParams } from 'react-router-dom';
import type { SchemeSummaryView } from '@gongkai/contracts/vocabulary';
import { Field, useApi } from '../../ui';

export const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, ''));

export interface IndicatorRow {
  indicatorId: string;
  name: string;
  parentId: string | null;
  kind: 'group' | 'computed' | 'manual';
  maxPoints: number;
  points: number;
  lost: number;
  metric: string | null;
  metricLabel: string | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  rule: string | null;
  explanation: string;
  pending: boolean;
}

export interface FactRef {
  eventId: string;
  type: string;
  streamId: string;
  on: string | null;
  recordedAt: string;
  summary: string;
}

interface RankedUnit {
  unitId: string;
  name: string;
  kind: string;
  total: number;
  maxTotal: number;
  weightedPoints: number;
  rank: number;
  indicators: (IndicatorRow & { facts: number; shortfalls: number })[];
}

export interface RankingSheet {
  schemeId: string;
  year: number;
  schemeVersion: number;
  asOf: string;
  opennessWeightPercent: number;
  maxTotal: number;
  units: RankedUnit[];
  commended: string[];
  rectify: string[];
  criticised: string[];
  district: { concentratedTrainings: number; warnings: string[] };
  inputsHash: string;
  inputEvents: number;
}

export type UnitBreakdown = Omit<RankedUnit, 'indicators'> & {
  schemeId: string;
  schemeVersion: number;
  year: number;
  asOf: string;
  inputsHash: string;
  indicators: (IndicatorRow & { facts: FactRef[]; shortfalls: FactRef[] })[];
};

export type Explained = IndicatorRow & {
  schemeId: string;
  schemeVersion: number;
  unitId: string;
  asOf: string;
  facts: FactRef[];
  shortfalls: FactRef[];
};

export interface LiveView {
  schemeId: string;
  schemeVersion: number;
  year: number;
  asOf: string;
  unitId: string;
  name: string;
  total: number;
  maxTotal: number;
  rank: number;
  of: number;
  losing: {
    indicatorId: string;
    name: string;
    lost: number;
    points: number;
    maxPoints: number;
    pending: boolean;
    explanation: string;
    shortfalls: FactRef[];
  }[];
  indicators: (IndicatorRow & { facts: number; shortfalls: FactRef[] })[];
}

export const thisYear = () => Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4));

export const schemeLabel = (s: SchemeSummaryView) => `${s.title}（第${s.currentVersion}版，${s.schemeId}）`;

/** The scheme chosen in the URL (?scheme=), else this year's first, else the newest. */
export function useChosenScheme(year?: number) {
  const [params, setParams] = useSearchParams();
  const schemes = useApi<SchemeSummaryView[]>(`/api/assessment/schemes${year ? `?year=${year}` : ''}`);
  const list = schemes.data ?? [];
  const wanted = params.get('scheme');
  const chosen = list.find((s) => s.schemeId === wanted) ?? list.find((s) => s.year === thisYear()) ?? list[0] ?? null;
  const choose = (schemeId: string) => {
    const next = new URLSearchParams(params);
    next.set('scheme', schemeId);
    setParams(next, { replace: true });
  };
  return { schemes, list, chosen, choose };
}

export function SchemePicker({
  list,
  chosen,
  choose,
}: {
  list: SchemeSummaryView[];
  chosen: SchemeSummaryView | null;
  choose: (id: string) => void;
}) {
  if (list.length === 0) return null;
  return (
    <div className="form narrow scheme-picker">
      <Field label="考核方案" name="scheme" error={null}>
        {(p) => (
          <select {...p} value={chosen?.schemeId ?? ''} onChange={(e) => choose(e.target.value)}>
            {list.map((s) => (
              <option key={s.schemeId} value={s.schemeId}>
                {schemeLabel(s)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}

export function OutcomeBadges({ unitId, sheet }: { unitId: string; sheet: Pick<RankingSheet, 'commended' | 'rectify' | 'criticised'> }) {
  const badges: [string, string][] = [];
  if (sheet.commended.includes(unitId)) badges.push(['通报表扬', 'badge-ok']);
  if (sheet.criticised.includes(unitId)) badges.push(['通报批评', 'badge-danger']);
  else if (sheet.rectify.includes(unitId)) badges.push(['督促整改', 'badge-warn']);
  if (badges.length === 0) return <span className="muted">—</span>;
  return (
    <>
      {badges.map(([label, kind]) => (
        <span key={label} className={`badge ${kind}`}>
          {label}
        </span>
      ))}
    </>
  );
}

export const breakdownPath = (schemeId: string, unitId: string) =>
  `/console/assessment/${encodeURIComponent(schemeId)}/units/${encodeURIComponent(unitId)}`;
export const explainPath = (schemeId: string, unitId: string, indicatorId: string) =>
  `${breakdownPath(schemeId, unitId)}/indicators/${encodeURIComponent(indicatorId)}`;
