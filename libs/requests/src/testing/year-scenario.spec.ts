import { REPLY_CATEGORY_CODES } from '@gongkai/contracts';
import { SCENARIO_DESCRIPTIONS } from './year-scenario';

/** The demo's requests read as people write them: one per reply category, and no internal code ever in the text. */
describe('demo request descriptions', () => {
  it('has a description for every reply category, in Chinese, without any internal code', () => {
    expect(Object.keys(SCENARIO_DESCRIPTIONS).sort()).toEqual([...REPLY_CATEGORY_CODES].sort());
    for (const [code, text] of Object.entries(SCENARIO_DESCRIPTIONS)) {
      expect([code, /[a-z]+[._][a-z_]+/i.test(text)]).toEqual([code, false]);
      expect([code, /[\u4e00-\u9fa5]{5}/.test(text)]).toEqual([code, true]);
    }
    expect(new Set(Object.values(SCENARIO_DESCRIPTIONS)).size).toBe(REPLY_CATEGORY_CODES.length);
  });
});
