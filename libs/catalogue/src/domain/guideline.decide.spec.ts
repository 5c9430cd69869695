import { deciderSpec } from '@gongkai/platform/decider-spec';
import type { GuidelineEvent } from './guideline';
import { guidelineDecider, type GuidelineCommand } from './guideline.decide';
import { SAMPLE_GUIDELINE_COMMAND, SAMPLE_GUIDELINE_ITEMS } from './sample-guidelines';

const spec = deciderSpec(guidelineDecider);
const load = (change: Partial<GuidelineCommand> = {}): GuidelineCommand => ({ ...SAMPLE_GUIDELINE_COMMAND, ...change });
const loaded = (version: number, change: Partial<GuidelineCommand> = {}): GuidelineEvent => {
  const { type: _command, ...data } = load(change);
  return { type: 'catalogue.GuidelineVersionLoaded', data: { version, ...data } };
};

describe('guideline reference data decider', () => {
  it('loads the first version, marked as sample', () => {
    spec
      .given()
      .when(load())
      .then([
        {
          type: 'catalogue.GuidelineVersionLoaded',
          data: expect.objectContaining({
            version: 1,
            sample: true,
            items: SAMPLE_GUIDELINE_ITEMS,
            title: expect.stringContaining('示例'),
          }),
        },
      ]);
  });

  it('numbers every later load as the next version', () => {
    spec
      .given(loaded(1))
      .when(load({ sample: false, effectiveFrom: '2022-07-01' }))
      .then([
        {
          type: 'catalogue.GuidelineVersionLoaded',
          data: expect.objectContaining({ version: 2, sample: false, effectiveFrom: '2022-07-01' }),
        },
      ]);
  });

  it('refuses a version that takes effect before the one in force', () => {
    spec
      .given(loaded(1, { effectiveFrom: '2022-07-01' }))
      .when(load({ effectiveFrom: '2021-01-01' }))
      .thenError('GUIDELINE_EFFECTIVE_DATE_BACKWARDS', { detail: expect.stringContaining('2022-07-01') });
  });

  it('refuses duplicate item codes, naming them', () => {
    const items = [SAMPLE_GUIDELINE_ITEMS[0], SAMPLE_GUIDELINE_ITEMS[0]];
    spec
      .given()
      .when(load({ items }))
      .thenError('GUIDELINE_DUPLICATE_CODE', { detail: expect.stringContaining(SAMPLE_GUIDELINE_ITEMS[0].code) });
  });

  it('refuses an empty guideline', () => {
    spec
      .given()
      .when(load({ items: [] }))
      .thenError('GUIDELINE_EMPTY', { kind: 'validation' });
  });

  it('sample codes are unique and stable', () => {
    expect(new Set(SAMPLE_GUIDELINE_ITEMS.map((i) => i.code)).size).toBe(SAMPLE_GUIDELINE_ITEMS.length);
    expect(SAMPLE_GUIDELINE_ITEMS[0].code).toBe('compulsory-education.X01');
  });
});
