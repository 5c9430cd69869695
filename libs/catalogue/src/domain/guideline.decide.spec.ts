import { fold } from '@gongkai/platform/domain';
import { guidelineDecider, type GuidelineCommand, type GuidelineEvent } from './guideline';
import { SAMPLE_GUIDELINE_COMMAND, SAMPLE_GUIDELINE_ITEMS } from './sample-guidelines';

const given = (...events: GuidelineEvent[]) => fold(guidelineDecider, events);
const load = (change: Partial<GuidelineCommand> = {}): GuidelineCommand => ({ ...SAMPLE_GUIDELINE_COMMAND, ...change });

describe('guideline reference data decider', () => {
  it('loads the first version, marked as sample', () => {
    const [event] = guidelineDecider.decide(load(), given()) as GuidelineEvent[];
    expect(event).toMatchObject({
      type: 'catalogue.GuidelineVersionLoaded',
      data: { version: 1, sample: true, items: SAMPLE_GUIDELINE_ITEMS },
    });
    expect(event.data.title).toContain('示例');
  });

  it('numbers every later load as the next version', () => {
    const first = guidelineDecider.decide(load(), given()) as GuidelineEvent[];
    const [second] = guidelineDecider.decide(load({ sample: false, effectiveFrom: '2022-07-01' }), given(...first)) as GuidelineEvent[];
    expect(second.data).toMatchObject({ version: 2, sample: false, effectiveFrom: '2022-07-01' });
  });

  it('refuses a version that takes effect before the one in force', () => {
    const first = guidelineDecider.decide(load({ effectiveFrom: '2022-07-01' }), given()) as GuidelineEvent[];
    expect(guidelineDecider.decide(load({ effectiveFrom: '2021-01-01' }), given(...first))).toMatchObject({
      code: 'GUIDELINE_EFFECTIVE_DATE_BACKWARDS',
      detail: expect.stringContaining('2022-07-01'),
    });
  });

  it('refuses duplicate item codes, naming them', () => {
    const items = [SAMPLE_GUIDELINE_ITEMS[0], SAMPLE_GUIDELINE_ITEMS[0]];
    expect(guidelineDecider.decide(load({ items }), given())).toMatchObject({
      code: 'GUIDELINE_DUPLICATE_CODE',
      detail: expect.stringContaining(SAMPLE_GUIDELINE_ITEMS[0].code),
    });
  });

  it('refuses an empty guideline', () => {
    expect(guidelineDecider.decide(load({ items: [] }), given())).toMatchObject({ kind: 'validation', code: 'GUIDELINE_EMPTY' });
  });

  it('sample codes are unique and stable', () => {
    expect(new Set(SAMPLE_GUIDELINE_ITEMS.map((i) => i.code)).size).toBe(SAMPLE_GUIDELINE_ITEMS.length);
    expect(SAMPLE_GUIDELINE_ITEMS[0].code).toBe('compulsory-education.X01');
  });
});
