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
      new Set(['compulsory-education', 'social-assistance', 'household-registration', 'agricultural-subsidies', 'employment']),
    );
    for (const item of data.items) {
      expect(Boolean(item.source)).toBe(SOURCED_DOMAINS.includes(item.domainCode));
    }
    // The 示例 domains left: elderly care and budget (the sample data's other domains).
    const sampleDomains = [...new Set(data.items.filter((i) => !i.source).map((i) => i.domainCode))];
    expect(sampleDomains.sort()).toEqual(['budget', 'elderly-care']);
    expect(new Set(data.items.map((i) => i.code)).size).toBe(data.items.length);
  });

  it('refuses a version whose sourced domain has a row without a source', () => {
    const [first, ...rest] = REFERENCE_GUIDELINE_COMMAND.items;
    const { source: _source, ...unsourced } = first;
    const refused = decideGuideline({ ...REFERENCE_GUIDELINE_COMMAND, items: [unsourced, ...rest] }, initialGuidelineState);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('GUIDELINE_ROW_UNSOURCED');
  });
});
