import type { UnitGuideContent } from '@gongkai/contracts';
import { deciderSpec } from '@gongkai/platform/decider-spec';
import { guideDecider } from './guide.decide';

const UNIT = 'TEZ-ZSZ';
const clerk = { userId: 'clerk-1', unitId: UNIT, role: 'clerk' as const };
const content: UnitGuideContent = {
  office: '张山子镇党政办公室',
  address: '台儿庄区张山子镇政府路1号',
  hours: '工作日 上午8:30—12:00，下午14:00—17:30',
  phone: '0632-6610000',
  channels: '当面提交、邮寄、网上申请',
  howToApply: '填写《政府信息公开申请表》，写明所需信息的名称、文号或者便于查询的其他特征性描述。',
  fees: '依照《政府信息公开信息处理费管理办法》，申请数量超过一定数量的按件或按量收费。',
  remedies: '认为行政机关侵犯合法权益的，可以依法申请行政复议或者提起行政诉讼。',
};
const published = (version: number, publishedOn: string, c: UnitGuideContent = content) => ({
  type: 'catalogue.UnitGuidePublished' as const,
  data: { unitId: UNIT, version, content: c, publishedOn },
});
const spec = deciderSpec(guideDecider);

describe('unit guide (Art. 12)', () => {
  it('publishes the first version', () => {
    spec
      .given()
      .when({ type: 'PublishGuide', unitId: UNIT, content, today: '2026-03-02', by: clerk })
      .then([published(1, '2026-03-02')]);
  });
  it('a change is a new version', () => {
    const changed = { ...content, phone: '0632-6610001' };
    spec
      .given(published(1, '2026-03-02'))
      .when({ type: 'PublishGuide', unitId: UNIT, content: changed, today: '2026-04-01', by: clerk })
      .then([published(2, '2026-04-01', changed)]);
  });
  it('the same content records nothing within a year, and a new version (the review) after one', () => {
    spec
      .given(published(1, '2026-03-02'))
      .when({ type: 'PublishGuide', unitId: UNIT, content, today: '2027-03-01', by: clerk })
      .thenNothing();
    spec
      .given(published(1, '2026-03-02'))
      .when({ type: 'PublishGuide', unitId: UNIT, content, today: '2027-03-02', by: clerk })
      .then([published(2, '2027-03-02')]);
  });
  it('another unit cannot publish it', () => {
    spec
      .given()
      .when({ type: 'PublishGuide', unitId: UNIT, content, today: '2026-03-02', by: { userId: 'x', unitId: 'TEZ-EDU', role: 'clerk' } })
      .thenError('OTHER_UNIT');
  });
});
