import { guidelineVersionLoadedV1 } from '@gongkai/contracts';
import { DomainError } from '@gongkai/platform/domain';
import { decideGuideline } from '../guideline.decide';
import { initialGuidelineState } from '../guideline';
import { REFERENCE_GUIDELINE_COMMAND, SOURCED_DOMAINS, SOURCED_GUIDELINE_ITEMS } from './index';

describe('the sourced guideline data', () => {
  it('every sourced row names its source: title, a web address and the date it was read', () => {
    expect(SOURCED_GUIDELINE_ITEMS.length).toBeGreaterThan(0);
    for (const item of SOURCED_GUIDELINE_ITEMS) {
      expect(item.source?.title).toMatch(/标准目录/);
      expect(item.source?.url).toMatch(/^https?:\/\/[^/]+\.gov\.cn\//);
      expect(item.source?.readOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(item.firstLevel.trim()).not.toBe('');
      expect(item.secondLevel.trim()).not.toBe('');
    }
  });

  it('the loaded version says which domains are sourced; every other domain’s rows are 示例 (no source)', () => {
    const [event] = decideGuideline(REFERENCE_GUIDELINE_COMMAND, initialGuidelineState) as { data: unknown }[];
    const data = guidelineVersionLoadedV1.parse(event.data);
    expect(data.sample).toBe(false);
    expect(new Set(data.sourcedDomains)).toEqual(
      new Set([
        'compulsory-education',
        'social-assistance',
        'household-registration',
        'agricultural-subsidies',
        'employment',
        'elderly-care',
        'budget',
        'major-projects',
        'spatial-planning',
        'public-culture',
        'public-legal-services',
        'work-safety',
        'disaster-relief',
        'rural-housing-renovation',
        'food-drug',
        'social-insurance',
        'public-resource-trading',
        'poverty-alleviation',
      ]),
    );
    for (const item of data.items) {
      expect(Boolean(item.source)).toBe(SOURCED_DOMAINS.includes(item.domainCode));
    }
    // Every domain of the 示例 data now has sourced rows, so no 示例 row is left in this version
    // (the 8 other pilot domains have no guideline rows at all yet).
    expect(data.items.filter((i) => !i.source)).toEqual([]);
    expect(new Set(data.items.map((i) => i.code)).size).toBe(data.items.length);
    expect([SOURCED_DOMAINS.length, SOURCED_GUIDELINE_ITEMS.length]).toEqual([18, 63]);
    expect(data.title).toBe('26个试点领域标准指引（18个领域摘自县、乡级公布的标准目录并注明出处，其余8个领域尚无指引事项）');
  });

  it('refuses a version whose sourced domain has a row without a source', () => {
    const [first, ...rest] = REFERENCE_GUIDELINE_COMMAND.items;
    const { source: _source, ...unsourced } = first;
    const refused = decideGuideline({ ...REFERENCE_GUIDELINE_COMMAND, items: [unsourced, ...rest] }, initialGuidelineState);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('GUIDELINE_ROW_UNSOURCED');
  });
});
