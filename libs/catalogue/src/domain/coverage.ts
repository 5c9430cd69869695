import { PILOT_DOMAINS, type DomainCode, type GuidelineItem, type UnitLevel } from '@gongkai/contracts';

/** What coverage needs of a published item. */
export interface CoveredItem {
  itemId: string;
  name: string;
  domainCode: DomainCode;
  guidelineItemCode: string | null;
}

export interface DomainCoverage {
  domainCode: DomainCode;
  domainName: string;
  expected: number;
  covered: GuidelineItem[];
  missing: GuidelineItem[];
  /** Published items that match no expected guideline item of this unit. */
  extra: CoveredItem[];
  /** Covered share of the expected items, 0–100 with one decimal; null when nothing is expected. */
  percent: number | null;
}

export interface UnitCoverage {
  level: UnitLevel;
  domains: DomainCoverage[];
  overall: { expected: number; covered: number; missing: number; extra: number; percent: number | null };
}

const percent = (covered: number, expected: number) => (expected === 0 ? null : Math.round((covered / expected) * 1000) / 10);

/**
 * Which guideline items a unit's published catalogue covers, which are missing, which items are
 * extra: per responsible domain (plus any other domain the unit published items in) and overall.
 * Expected = the guideline items of the unit's level in its responsible domains.
 */
export function computeCoverage(
  unit: { level: UnitLevel; responsibleDomains: readonly DomainCode[] },
  published: readonly CoveredItem[],
  guideline: readonly GuidelineItem[],
): UnitCoverage {
  const domains = PILOT_DOMAINS.filter(
    (d) => unit.responsibleDomains.includes(d.code) || published.some((item) => item.domainCode === d.code),
  ).map(({ code, name }): DomainCoverage => {
    const expected = unit.responsibleDomains.includes(code) ? guideline.filter((g) => g.domainCode === code && g.level === unit.level) : [];
    const expectedCodes = new Set(expected.map((g) => g.code));
    const inDomain = published.filter((item) => item.domainCode === code);
    const coveredCodes = new Set(
      inDomain.map((item) => item.guidelineItemCode).filter((c): c is string => c !== null && expectedCodes.has(c)),
    );
    return {
      domainCode: code,
      domainName: name,
      expected: expected.length,
      covered: expected.filter((g) => coveredCodes.has(g.code)),
      missing: expected.filter((g) => !coveredCodes.has(g.code)),
      extra: inDomain.filter((item) => item.guidelineItemCode === null || !expectedCodes.has(item.guidelineItemCode)),
      percent: percent(coveredCodes.size, expected.length),
    };
  });
  const expected = domains.reduce((n, d) => n + d.expected, 0);
  const covered = domains.reduce((n, d) => n + d.covered.length, 0);
  return {
    level: unit.level,
    domains,
    overall: {
      expected,
      covered,
      missing: expected - covered,
      extra: domains.reduce((n, d) => n + d.extra.length, 0),
      percent: percent(covered, expected),
    },
  };
}

/** The whole district's coverage: the units' expected and covered guideline items, summed. */
export function districtOverall(units: readonly { expected: number; covered: number }[]): {
  expected: number;
  covered: number;
  percent: number | null;
} {
  const expected = units.reduce((n, u) => n + u.expected, 0);
  const covered = units.reduce((n, u) => n + u.covered, 0);
  return { expected, covered, percent: percent(covered, expected) };
}
